import type { z } from 'zod';
import type { SessionSchema } from '../../../src/access/schemas.js';
import type { SettingsSchema } from '../../../src/http/settings.js';
import { ProblemError, sendJson } from '../shared/api.js';

export type Session = z.infer<typeof SessionSchema>;
export type LoginSettings = z.infer<typeof SettingsSchema>;

export interface Credentials {
  email: string;
  password: string;
  organisation?: string;
}

/** A refused sign-in: the status says why (401 wrong, 423 locked, 429 too many, 400 SIREN needed). */
export class LoginRefused extends ProblemError {
  constructor(status: number, detail: string, errors: { field: string; message: string }[], readonly retryAfterSeconds: number) {
    super(status, detail, errors);
  }
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  const response = await fetch('/api/auth/me', { headers: { accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return (await response.json()) as Session;
}

/** Signs in; Retry-After (seconds) is kept so that the page can say how long to wait. */
export async function signIn(credentials: Credentials): Promise<Session> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(credentials),
  });
  const payload = (await response.json().catch(() => ({}))) as Session & { detail?: string; errors?: { field: string; message: string }[] };
  if (!response.ok) {
    throw new LoginRefused(response.status, payload.detail ?? response.statusText, payload.errors ?? [], Number(response.headers.get('retry-after') ?? 0));
  }
  return payload;
}

export const signOut = () => sendJson<void>('POST', '/api/auth/logout');

export const changePassword = (currentPassword: string, newPassword: string) =>
  sendJson<Session>('POST', '/api/auth/password', { currentPassword, newPassword });
