import { conflict, notFound, validationError, type FieldError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import { recordAudit } from './audit.js';
import { perimeterErrors, type Grant, type Perimeter } from './domain/perimeter.js';
import { passwordErrors } from './domain/password-policy.js';
import { isRole, ROLE_PERIMETER, ROLES } from './domain/roles.js';
import { newOneTimePassword } from './domain/tokens.js';
import { hashPassword } from './passwords.js';
import * as repository from './repository.js';
import { withTenant } from './tenant.js';

/** Account administration, as the command line and the administration pages perform it. */

export interface AdminContext {
  /** The organisation's id, as an API caller's session gives it; else looked up by `organisation`. */
  organisationId?: number;
  /** SIREN; may be omitted while the deployment holds one organisation. */
  organisation?: string | undefined;
  /** Who acts, for the audit log ('cli' from the command line). */
  actorLabel: string;
  actorUserId?: number | null;
}

export interface NewAccount {
  email: string;
  displayName: string;
  role: string;
  /** External ids (codes) of agencies and directorates, INSEE codes of communes. */
  agencies: readonly string[];
  directorates: readonly string[];
  communes: readonly string[];
  /** Omitted: a one-time password is generated, to be changed at first sign-in. */
  password?: string | undefined;
}

/** An account by its email (the command line) or its id (the administration pages). */
export type AccountRef = string | { id: number };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const contextOrganisation = (db: Queryable, context: AdminContext) => context.organisationId ?? organisationId(db, context.organisation);

export async function organisationId(db: Queryable, siren: string | undefined): Promise<number> {
  const found = await repository.organisationBySiren(db, siren);
  if (siren && found.length === 0) throw validationError('Unknown organisation', [{ field: 'organisation', message: `Aucune organisation de SIREN ${siren}` }]);
  if (found.length === 0) throw validationError('No organisation loaded yet', [{ field: 'organisation', message: 'Aucune organisation chargée' }]);
  if (found.length > 1) throw validationError('Several organisations', [{ field: 'organisation', message: 'Plusieurs organisations : précisez le SIREN (several organisations: give the SIREN)' }]);
  return found[0]!.id;
}

/** Creates the account and its role; returns the one-time password when none was given. */
export async function addUser(db: Database, context: AdminContext, input: NewAccount): Promise<{ userId: number; oneTimePassword?: string }> {
  const email = input.email.trim().toLowerCase();
  const displayName = input.displayName.trim();
  const errors: FieldError[] = [];
  if (!EMAIL.test(email)) errors.push({ field: 'email', message: 'Adresse e-mail invalide (invalid email)' });
  if (displayName.length === 0 || displayName.length > 200) errors.push({ field: 'name', message: 'Nom requis, 200 caractères au plus (1 to 200 characters)' });
  if (!isRole(input.role)) errors.push({ field: 'role', message: `Rôle inconnu ; rôles : ${ROLES.join(', ')}` });
  if (input.password !== undefined) errors.push(...passwordErrors(input.password, email));
  if (errors.length > 0) throw validationError('Invalid account', errors);
  const role = input.role as Grant['role'];
  const oneTimePassword = input.password === undefined ? newOneTimePassword() : undefined;
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);

  const orgId = await contextOrganisation(db, context);
  return withTenant(db, orgId, async (tx) => {
    const perimeter = await resolvePerimeter(tx, orgId, role, input);
    if (await repository.findAccountByEmail(tx, orgId, email)) throw conflict(`Un compte ${email} existe déjà (account already exists)`);
    const userId = await repository.insertUser(tx, { organisationId: orgId, email, displayName, passwordHash, mustChangePassword: oneTimePassword !== undefined });
    await repository.insertGrant(tx, orgId, userId, { role, perimeter });
    await recordAudit(tx, {
      organisationId: orgId, actorUserId: context.actorUserId ?? null, actorLabel: context.actorLabel,
      action: 'user.add', objectType: 'user', objectId: userId, after: { email, displayName, role, perimeter },
    });
    return oneTimePassword ? { userId, oneTimePassword } : { userId };
  });
}

/** Turns codes into ids of the organisation, naming the field of any unknown code. */
async function resolvePerimeter(tx: Queryable, orgId: number, role: Grant['role'], input: NewAccount): Promise<Perimeter> {
  const errors: FieldError[] = [];
  const ids = async (table: 'agencies' | 'directorates', field: string, codes: readonly string[]) => {
    const found = await repository.findUnitIds(tx, orgId, table, codes);
    for (const code of codes) {
      if (!found.some((row) => row.externalId === code)) errors.push({ field, message: `Code inconnu : ${code} (unknown code)` });
    }
    return found.map((row) => row.id);
  };
  const agencyIds = await ids('agencies', 'agencies', input.agencies);
  const directorateIds = await ids('directorates', 'directorates', input.directorates);
  const communes = await repository.patrimonyCommunes(tx, orgId, input.communes);
  for (const code of input.communes) {
    if (!communes.includes(code)) errors.push({ field: 'communes', message: `Pas de patrimoine dans la commune INSEE ${code} (no housing of the organisation there)` });
  }
  const perimeter = { wholeOrganisation: ROLE_PERIMETER[role] === 'organisation', agencyIds, directorateIds, communes };
  errors.push(...perimeterErrors(role, perimeter));
  if (errors.length > 0) throw validationError('Invalid perimeter', errors);
  return perimeter;
}

/**
 * The account administered; never the administrator's own, whose disabling would lock them out
 * and whose password changes on the password page (knowing the current one).
 */
async function findAdministered(tx: Queryable, orgId: number, context: AdminContext, ref: AccountRef) {
  const account = typeof ref === 'string'
    ? await repository.findAccountByEmail(tx, orgId, ref.trim().toLowerCase())
    : await repository.findAccount(tx, orgId, ref.id);
  if (!account) throw notFound(`Compte ${typeof ref === 'string' ? ref : ref.id} (account)`);
  if (context.actorUserId === account.id) {
    throw conflict('Pas sur votre propre compte : changez votre mot de passe sur la page Mot de passe (not on your own account)');
  }
  return account;
}

/** Disables the account and ends its sessions. */
export async function disableUser(db: Database, context: AdminContext, ref: AccountRef): Promise<void> {
  const orgId = await contextOrganisation(db, context);
  await withTenant(db, orgId, async (tx) => {
    const account = await findAdministered(tx, orgId, context, ref);
    await repository.setDisabled(tx, orgId, account.id, true);
    await repository.deleteUserSessions(tx, orgId, account.id);
    await recordAudit(tx, {
      organisationId: orgId, actorUserId: context.actorUserId ?? null, actorLabel: context.actorLabel,
      action: 'user.disable', objectType: 'user', objectId: account.id, before: { disabled: account.disabled }, after: { disabled: true },
    });
  });
}

/** Sets a new password (or a one-time one, returned) and ends the account's sessions and lockout. */
export async function resetPassword(db: Database, context: AdminContext, ref: AccountRef, password?: string): Promise<{ oneTimePassword?: string }> {
  const orgId = await contextOrganisation(db, context);
  const oneTimePassword = password === undefined ? newOneTimePassword() : undefined;
  await withTenant(db, orgId, async (tx) => {
    const account = await findAdministered(tx, orgId, context, ref);
    if (password !== undefined) {
      const errors = passwordErrors(password, account.email);
      if (errors.length > 0) throw validationError('Password refused', errors);
    }
    const passwordHash = await hashPassword(password ?? oneTimePassword!);
    await repository.setPassword(tx, orgId, account.id, passwordHash, oneTimePassword !== undefined);
    await repository.deleteUserSessions(tx, orgId, account.id);
    await recordAudit(tx, {
      organisationId: orgId, actorUserId: context.actorUserId ?? null, actorLabel: context.actorLabel,
      action: 'user.reset', objectType: 'user', objectId: account.id, after: { mustChangePassword: oneTimePassword !== undefined },
    });
  });
  return oneTimePassword ? { oneTimePassword } : {};
}
