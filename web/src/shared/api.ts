import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { PatrimonyStatsSchema, ResidenceDetailSchema, ResidenceMapSchema, ResidenceSummarySchema } from '../../../src/patrimony/schemas.js';

/** The API's own schemas describe what the web app receives: one definition for both sides. */
export type PatrimonyStats = z.infer<typeof PatrimonyStatsSchema>;
export type ResidenceSummary = z.infer<typeof ResidenceSummarySchema>;
export type ResidenceDetail = z.infer<typeof ResidenceDetailSchema>;
export type ResidenceMap = z.infer<typeof ResidenceMapSchema>;
export interface Settings {
  basemapUrl: string | null;
}

/** An API failure, carrying the problem+json status and detail. */
export class ApiError extends Error {
  constructor(readonly status: number, detail: string) {
    super(detail);
  }
}

export const LOGIN_PATH = '/connexion';

/**
 * An expired or missing session sends the reader to the login page, which brings them back
 * here afterwards. The sign-in calls themselves answer 401 for a wrong password: not those.
 */
function signInAgainOn401(path: string, response: Response): void {
  if (response.status !== 401 || path.startsWith('/api/auth/') || window.location.pathname === LOGIN_PATH) return;
  const here = window.location.pathname + window.location.search + window.location.hash;
  window.location.assign(`${LOGIN_PATH}?retour=${encodeURIComponent(here)}`);
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal });
  signInAgainOn401(path, response);
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new ApiError(response.status, problem.detail ?? response.statusText);
  }
  return (await response.json()) as T;
}

export type Remote<T> = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; data: T };

/** Loads `path` (null = nothing to load) and reloads when it changes. */
export function useApi<T>(path: string | null): Remote<T> {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setRemote({ state: 'loading' });
    getJson<T>(path, controller.signal).then(
      (data) => setRemote({ state: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setRemote({ state: 'error', error: error instanceof ApiError ? error : new ApiError(0, String(error)) });
      },
    );
    return () => controller.abort();
  }, [path]);
  return remote;
}

/** A refused write: the problem's detail and the fields it names. */
export class ProblemError extends ApiError {
  constructor(status: number, detail: string, readonly errors: { field: string; message: string }[]) {
    super(status, detail);
  }
}

/**
 * The header that proves a write comes from Vigie's own pages: the server sets the token in a
 * readable cookie at sign-in and expects it back (signed double-submit CSRF protection).
 */
export function csrfHeaders(): Record<string, string> {
  const token = document.cookie.split('; ').find((cookie) => cookie.startsWith('vigie_csrf='))?.slice('vigie_csrf='.length);
  return token ? { 'x-csrf-token': decodeURIComponent(token) } : {};
}

export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...csrfHeaders() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  signInAgainOn401(path, response);
  const payload = (await response.json().catch(() => ({}))) as T & { detail?: string; errors?: { field: string; message: string }[] };
  if (!response.ok) throw new ProblemError(response.status, payload.detail ?? response.statusText, payload.errors ?? []);
  return payload;
}

/** Loads `path` and reloads it on demand (after a save). */
export function useResource<T>(path: string): [Remote<T>, () => void] {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    getJson<T>(path, controller.signal).then(
      (data) => setRemote({ state: 'ready', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setRemote({ state: 'error', error: error instanceof ApiError ? error : new ApiError(0, String(error)) });
      },
    );
    return () => controller.abort();
  }, [path, version]);
  return [remote, useCallback(() => setVersion((v) => v + 1), [])];
}
