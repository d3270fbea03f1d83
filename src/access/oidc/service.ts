import type { Database } from '../../db/database.js';
import { listOrganisations } from '../../patrimony/import/repository.js';
import { recordAudit } from '../audit.js';
import { openSession, type SignedIn } from '../auth-service.js';
import { hashToken } from '../domain/tokens.js';
import * as repository from '../repository.js';
import { withTenant } from '../tenant.js';
import type { DirectoryIdentity } from './relying-party.js';

/** Why the directory's answer opens no session (each has its message on the login page). */
export type DirectoryRefusal = 'unverified' | 'unknown' | 'ambiguous' | 'disabled';

/**
 * Signs in the account whose email the directory verified; accounts are never created here
 * (an administrator creates them with their role and perimeter). The session opens exactly as
 * for a password: a fresh token, the previous one revoked.
 */
export async function signInFromDirectory(
  db: Database,
  identity: DirectoryIdentity,
  issuer: string,
  previousToken: string | undefined,
): Promise<SignedIn | { refused: DirectoryRefusal }> {
  if (!identity.email || !identity.emailVerified) return refuse(db, identity, issuer, 'unverified');
  const candidates = await repository.accountsByEmail(db, identity.email);
  if (candidates.length === 0) return refuse(db, identity, issuer, 'unknown');
  if (candidates.length > 1) return refuse(db, identity, issuer, 'ambiguous');
  const { organisationId, userId } = candidates[0]!;
  return withTenant(db, organisationId, async (tx) => {
    const account = (await repository.findAccount(tx, organisationId, userId))!;
    const audit = { organisationId, actorUserId: account.id, actorLabel: account.email, objectType: 'user', objectId: account.id };
    if (account.disabled) {
      await recordAudit(tx, { ...audit, action: 'auth.sso_refused', after: { reason: 'disabled', issuer, subject: identity.subject } });
      return { refused: 'disabled' as const };
    }
    // A lockout guards the password, which the directory's sign-in does not use.
    if (previousToken) await repository.deleteSession(tx, organisationId, hashToken(previousToken));
    const signedIn = await openSession(tx, account);
    await recordAudit(tx, { ...audit, action: 'auth.login', after: { method: 'oidc', issuer, subject: identity.subject } });
    return signedIn;
  });
}

/**
 * A refusal before any account is known: recorded in the audit log of every organisation the
 * deployment serves (its directory is theirs), so that administrators see who tried.
 */
async function refuse(db: Database, identity: DirectoryIdentity, issuer: string, reason: DirectoryRefusal) {
  for (const { id } of await listOrganisations(db)) {
    await withTenant(db, id, (tx) => recordAudit(tx, {
      organisationId: id, actorUserId: null, actorLabel: `oidc:${identity.email ?? identity.subject}`,
      action: 'auth.sso_refused', objectType: 'user', objectId: null,
      after: { reason, issuer, subject: identity.subject, email: identity.email ?? null },
    }));
  }
  return { refused: reason };
}
