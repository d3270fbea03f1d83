import { notFound } from '../core/errors.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { requireAccess } from './authorize.js';
import type { Role } from './domain/roles.js';
import { listAccounts, perimeterPlaces, type AccountView } from './users-repository.js';
import { addUser, disableUser, resetPassword, type AdminContext } from './users-service.js';

/** Account administration for an API caller: administrators, over their whole organisation. */

export interface Caller {
  db: Database;
  actor: Actor;
}

const contextOf = ({ actor }: Caller): AdminContext => ({ organisationId: actor.organisationId, actorLabel: actor.label ?? 'system', actorUserId: actor.userId ?? null });
const allowed = ({ db, actor }: Caller) => requireAccess(db, actor, 'administer_users', { kind: 'organisation' });
const sent = (account: AccountView) => ({ ...account, createdAt: new Date(account.createdAt).toISOString() });

export async function accountsOf(caller: Caller) {
  await allowed(caller);
  return (await listAccounts(caller.db, caller.actor.organisationId)).map(sent);
}

export async function accountOf(caller: Caller, userId: number) {
  await allowed(caller);
  const [account] = await listAccounts(caller.db, caller.actor.organisationId, userId);
  if (!account) throw notFound(`Compte ${userId} (account)`);
  return sent(account);
}

export async function perimeterOptionsOf(caller: Caller) {
  await allowed(caller);
  return perimeterPlaces(caller.db, caller.actor.organisationId);
}

export interface AccountRequest {
  email: string;
  displayName: string;
  role: Role;
  agencies: string[];
  directorates: string[];
  communes: string[];
}

/** Creates the account with a one-time password, which the answer carries once and nothing keeps. */
export async function createAccount(caller: Caller, request: AccountRequest) {
  await allowed(caller);
  const { userId, oneTimePassword } = await addUser(caller.db, contextOf(caller), request);
  return { ...(await accountOf(caller, userId)), oneTimePassword: oneTimePassword! };
}

export async function disableAccount(caller: Caller, userId: number) {
  await allowed(caller);
  await disableUser(caller.db, contextOf(caller), { id: userId });
  return accountOf(caller, userId);
}

export async function resetAccountPassword(caller: Caller, userId: number) {
  await allowed(caller);
  const { oneTimePassword } = await resetPassword(caller.db, contextOf(caller), { id: userId });
  return { oneTimePassword: oneTimePassword! };
}
