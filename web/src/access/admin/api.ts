import type { z } from 'zod';
import type { EntrySchema, VerificationSchema } from '../../../../src/access/audit-routes.js';
import type { AccountSchema, OneTimePasswordSchema, PlaceSchema } from '../../../../src/access/users-routes.js';
import type { AccountRequest } from '../../../../src/access/users-admin.js';
import { getJson, sendJson } from '../../shared/api.js';

export type Account = z.infer<typeof AccountSchema>;
export type Place = z.infer<typeof PlaceSchema> & { directorateCode: string | null };
export type OneTimePassword = z.infer<typeof OneTimePasswordSchema>;
export type AuditEntry = z.infer<typeof EntrySchema>;
export type AuditVerification = z.infer<typeof VerificationSchema>;
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}

export const createAccount = (account: AccountRequest) => sendJson<Account & OneTimePassword>('POST', '/api/users', account);
export const disableAccount = (id: number) => sendJson<Account>('POST', `/api/users/${id}/disable`);
export const resetAccountPassword = (id: number) => sendJson<OneTimePassword>('POST', `/api/users/${id}/reset-password`);
export const verifyAuditChain = () => getJson<AuditVerification>('/api/audit/verify');
