import type { z } from 'zod';
import type {
  CheckSchema, InstanceSchema, ItemInputSchema, ItemSchema, MemberSchema, RegisterEntrySchema, SessionInputSchema, SessionSchema,
} from '../../../src/deliberations/schemas.js';

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
export const ITEM_NATURES = ['ordinary', 'accounts_approval', 'director_general'] as const satisfies readonly Item['nature'][];
export const LINK_KINDS = ['funding_convention', 'operation', 'observatory_deployment', 'partnership', 'procurement_grouping', 'other'] as const satisfies readonly Item['links'][number]['kind'][];

/** "M. Jean DUPONT". */
export const memberName = (m: Pick<Member, 'civility' | 'firstName' | 'lastName'>) => `${m.civility} ${m.firstName} ${m.lastName.toUpperCase()}`;

/** Members of the instance whose mandate covers the date, in roster order. */
export function rosterOf(members: Member[], instanceId: number, date: string): Member[] {
  return members.filter((m) => m.instanceIds.includes(instanceId) && m.mandateStart <= date && (m.mandateEnd === null || m.mandateEnd >= date));
}
