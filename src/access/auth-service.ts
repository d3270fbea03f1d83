import { AppError, validationError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { recordAudit } from './audit.js';
import { AttemptLimiter } from './domain/attempt-limiter.js';
import type { Grant } from './domain/perimeter.js';
import { passwordErrors } from './domain/password-policy.js';
import { csrfTokenFor, hashToken, newSessionToken } from './domain/tokens.js';
import { hashPassword, spendVerificationTime, verifyPassword } from './passwords.js';
import * as repository from './repository.js';
import type { Account } from './repository.js';
import { withTenant } from './tenant.js';

/** Consecutive failures that lock an account, and for how long. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 12;
export const IDLE_MINUTES = 30;
const WINDOW_MS = 15 * 60_000;
const TOUCH_INTERVAL_MS = 60_000;

/** In-memory rate limits of one server process; the lockout itself is stored on the account. */
export interface LoginGuard {
  perAddress: AttemptLimiter;
  perEmail: AttemptLimiter;
  /** Failures for emails with no account, so that they lock exactly like real ones. */
  unknownFailures: AttemptLimiter;
}

export const createLoginGuard = (): LoginGuard => ({
  perAddress: new AttemptLimiter(30, WINDOW_MS),
  perEmail: new AttemptLimiter(10, WINDOW_MS),
  unknownFailures: new AttemptLimiter(MAX_FAILURES, LOCK_MINUTES * 60_000),
});

export interface LoginInput {
  email: string;
  password: string;
  /** SIREN of the organisation, needed only when the email has accounts in several. */
  organisation?: string | undefined;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  account: Account;
  grants: Grant[];
}

/** Too many attempts (429) or a locked account (423): answered with Retry-After. */
export interface LoginRefused {
  refused: 423 | 429;
  retryAfterSeconds: number;
}

const badCredentials = () => new AppError('unauthorized', 'Adresse ou mot de passe incorrect (wrong email or password)');

export async function login(
  db: Database,
  guard: LoginGuard,
  input: LoginInput,
  clientAddress: string,
  previousToken: string | undefined,
  now = Date.now(),
): Promise<SignedIn | LoginRefused> {
  const wait = Math.max(guard.perAddress.retryAfter(clientAddress, now), guard.perEmail.retryAfter(input.email, now));
  if (wait > 0) return { refused: 429, retryAfterSeconds: wait };
  guard.perAddress.record(clientAddress, now);
  guard.perEmail.record(input.email, now);

  const candidates = (await repository.accountsByEmail(db, input.email)).filter(
    (candidate) => !input.organisation || candidate.siren === input.organisation,
  );
  if (candidates.length > 1) {
    throw validationError('Organisation required', [{ field: 'organisation', message: "Précisez le SIREN de l'organisation (give the organisation's SIREN)" }]);
  }
  const [candidate] = candidates;
  if (!candidate) {
    const locked = guard.unknownFailures.retryAfter(input.email, now);
    if (locked > 0) return { refused: 423, retryAfterSeconds: locked };
    await spendVerificationTime(input.password);
    guard.unknownFailures.record(input.email, now);
    throw badCredentials();
  }
  const outcome = await withTenant(db, candidate.organisationId, (tx) => attempt(tx, candidate.organisationId, candidate.userId, input.password, previousToken, now));
  if (outcome === 'failed') throw badCredentials();
  if ('refused' in outcome) return outcome;
  guard.perEmail.clear(input.email);
  return outcome;
}

/** One attempt on a known account, in its tenant's transaction; failures are committed, not thrown. */
async function attempt(tx: Queryable, organisationId: number, userId: number, password: string, previousToken: string | undefined, now: number) {
  const account = (await repository.findAccount(tx, organisationId, userId))!;
  if (account.lockedUntil && account.lockedUntil.getTime() > now) {
    return { refused: 423 as const, retryAfterSeconds: Math.ceil((account.lockedUntil.getTime() - now) / 1000) };
  }
  const valid = account.passwordHash !== null && (await verifyPassword(account.passwordHash, password));
  if (!valid) {
    const lockedUntil = await repository.recordFailure(tx, organisationId, userId, MAX_FAILURES, LOCK_MINUTES);
    if (lockedUntil) await recordAudit(tx, { ...byAccount(account), action: 'auth.lockout', objectType: 'user', objectId: userId, after: { lockedUntil } });
    return 'failed' as const;
  }
  if (account.disabled) return 'failed' as const;
  await repository.clearFailures(tx, organisationId, userId);
  if (previousToken) await repository.deleteSession(tx, organisationId, hashToken(previousToken));
  const signedIn = await openSession(tx, account);
  await recordAudit(tx, { ...byAccount(account), action: 'auth.login', objectType: 'user', objectId: userId });
  return signedIn;
}

/** A fresh session (never one the client proposed: rotation defeats session fixation). */
export async function openSession(tx: Queryable, account: Account): Promise<SignedIn> {
  await repository.deleteExpiredSessions(tx, account.organisationId, account.id, IDLE_MINUTES);
  const token = newSessionToken();
  await repository.insertSession(tx, account.organisationId, account.id, hashToken(token), SESSION_HOURS * 60);
  const grants = await repository.loadGrants(tx, account.organisationId, account.id);
  return { token, csrfToken: csrfTokenFor(token), account, grants };
}

const byAccount = (account: Account) => ({ organisationId: account.organisationId, actorUserId: account.id, actorLabel: account.email });

export interface CurrentSession {
  actor: Required<Actor>;
  account: Account;
  csrfToken: string;
}

/** The live session a token opens, with the actor's grants; undefined when expired, idle, revoked or disabled. */
export async function resolveSession(db: Database, token: string, now = Date.now()): Promise<CurrentSession | undefined> {
  const tokenHash = hashToken(token);
  const owner = await repository.sessionOwner(db, tokenHash);
  if (!owner) return undefined;
  return withTenant(db, owner.organisationId, async (tx) => {
    const session = await repository.findSession(tx, owner.organisationId, tokenHash);
    if (!session) return undefined;
    if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() <= now - IDLE_MINUTES * 60_000) {
      await repository.deleteSession(tx, owner.organisationId, tokenHash);
      return undefined;
    }
    const account = await repository.findAccount(tx, owner.organisationId, session.userId);
    if (!account || account.disabled) return undefined;
    // One write a minute at most: a read request should not cost a write, and idle time is counted in minutes.
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await repository.touchSession(tx, owner.organisationId, session.id);
    const grants = await repository.loadGrants(tx, owner.organisationId, account.id);
    return { actor: { organisationId: account.organisationId, userId: account.id, label: account.email, grants }, account, csrfToken: csrfTokenFor(token) };
  });
}

export async function logout(db: Database, token: string): Promise<void> {
  const current = await resolveSession(db, token);
  if (!current) return;
  await withTenant(db, current.account.organisationId, async (tx) => {
    await repository.deleteSession(tx, current.account.organisationId, hashToken(token));
    await recordAudit(tx, { ...byAccount(current.account), action: 'auth.logout', objectType: 'user', objectId: current.account.id });
  });
}

/** Replaces the password and every session of the account with one new session. */
export async function changePassword(db: Database, current: CurrentSession, currentPassword: string, newPassword: string): Promise<SignedIn> {
  const { account } = current;
  if (!account.passwordHash || !(await verifyPassword(account.passwordHash, currentPassword))) {
    throw validationError('Wrong current password', [{ field: 'currentPassword', message: 'Mot de passe actuel incorrect (wrong current password)' }]);
  }
  const errors = passwordErrors(newPassword, account.email, 'newPassword');
  if (newPassword === currentPassword) errors.push({ field: 'newPassword', message: "Doit différer de l'actuel (must differ from the current one)" });
  if (errors.length > 0) throw validationError('Password refused', errors);
  const passwordHash = await hashPassword(newPassword);
  return withTenant(db, account.organisationId, async (tx) => {
    await repository.setPassword(tx, account.organisationId, account.id, passwordHash, false);
    await repository.deleteUserSessions(tx, account.organisationId, account.id);
    await recordAudit(tx, { ...byAccount(account), action: 'user.password_change', objectType: 'user', objectId: account.id });
    return openSession(tx, { ...account, mustChangePassword: false });
  });
}
