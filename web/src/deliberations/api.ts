import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type {
  CheckSchema, InstanceSchema, ItemInputSchema, ItemSchema, MemberSchema, RegisterEntrySchema, SessionInputSchema, SessionSchema,
} from '../../../src/deliberations/schemas.js';
import { ApiError, getJson, type Remote } from '../shared/api.js';

/** The API's own schemas describe what the pages receive and send. */
export type Instance = z.infer<typeof InstanceSchema>;
export type Member = z.infer<typeof MemberSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type SessionInput = z.input<typeof SessionInputSchema>;
export type Item = z.infer<typeof ItemSchema>;
export type ItemInput = z.infer<typeof ItemInputSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type RegisterEntry = z.infer<typeof RegisterEntrySchema>;
export type Attendance = Session['attendance'][number];
export type BallotChoice = Extract<ItemInput['vote'], { kind: 'per_member' }>['ballots'][number]['choice'];

// Listed here rather than imported from the server modules, which would bring zod into the bundle.
export const ATTENDANCE_STATUSES = ['present', 'remote', 'excused_with_proxy', 'excused', 'absent'] as const satisfies readonly Attendance['status'][];
export const ITEM_STATUSES = ['draft', 'adopted', 'rejected', 'transmitted'] as const satisfies readonly Item['status'][];
export const LINK_KINDS = ['funding_convention', 'operation', 'observatory_deployment', 'partnership', 'procurement_grouping', 'other'] as const satisfies readonly Item['links'][number]['kind'][];

/** A refused write: the problem's detail and the fields it names. */
export class ProblemError extends ApiError {
  constructor(status: number, detail: string, readonly errors: { field: string; message: string }[]) {
    super(status, detail);
  }
}

export async function sendJson<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
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

/** "M. Jean DUPONT". */
export const memberName = (m: Pick<Member, 'civility' | 'firstName' | 'lastName'>) => `${m.civility} ${m.firstName} ${m.lastName.toUpperCase()}`;

/** Members of the instance whose mandate covers the date, in roster order. */
export function rosterOf(members: Member[], instanceId: number, date: string): Member[] {
  return members.filter((m) => m.instanceIds.includes(instanceId) && m.mandateStart <= date && (m.mandateEnd === null || m.mandateEnd >= date));
}
