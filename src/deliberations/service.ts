import { AppError, conflict, notFound, validationError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Finding } from './domain/findings.js';
import type { Actor } from '../http/context.js';
import * as repository from './repository.js';
import type { InstanceInput, Item, ItemStatus, Landlord, MemberInput, Session, SessionInput } from './schemas.js';
import { toSessionFile, type StoredSession } from './session-file.js';
import { statusBlockers } from './status.js';
import { assertValidSession } from './validation.js';

export async function getLandlord(db: Queryable, actor: Actor): Promise<Landlord> {
  const landlord = await repository.getLandlord(db, actor.organisationId);
  if (!landlord) throw notFound('Register letterhead');
  return landlord;
}

export async function putLandlord(db: Queryable, actor: Actor, landlord: Landlord): Promise<Landlord> {
  await repository.upsertLandlord(db, actor.organisationId, landlord);
  return landlord;
}

export const listInstances = (db: Queryable, actor: Actor) => repository.listInstances(db, actor.organisationId);

export async function createInstance(db: Queryable, actor: Actor, input: InstanceInput) {
  const id = await repository.insertInstance(db, actor.organisationId, input);
  return (await repository.findInstance(db, actor.organisationId, id))!;
}

export async function updateInstance(db: Database, actor: Actor, instanceId: number, input: InstanceInput) {
  return db.transaction(async (tx) => {
    if (!(await repository.updateInstance(tx, actor.organisationId, instanceId, input))) throw notFound(`Instance ${instanceId}`);
    await assertDecisionsHoldForInstance(tx, actor, instanceId);
    return (await repository.findInstance(tx, actor.organisationId, instanceId))!;
  });
}

export async function deleteInstance(db: Queryable, actor: Actor, instanceId: number): Promise<void> {
  if ((await repository.instanceUses(db, actor.organisationId, instanceId)) > 0) {
    throw conflict(`L’instance ${instanceId} a des membres ou des séances (instance still has members or sessions)`);
  }
  if (!(await repository.deleteInstance(db, actor.organisationId, instanceId))) throw notFound(`Instance ${instanceId}`);
}

export const listMembers = (db: Queryable, actor: Actor) => repository.listMembers(db, actor.organisationId);

async function assertKnownInstances(db: Queryable, actor: Actor, instanceIds: number[]): Promise<void> {
  const known = new Set((await repository.listInstances(db, actor.organisationId)).map((i) => i.id));
  const errors = instanceIds.flatMap((id, i) => (known.has(id) ? [] : [{ field: `instanceIds.${i}`, message: `instance inconnue (${id})` }]));
  if (errors.length > 0) throw validationError('Some fields are invalid', errors);
}

export async function createMember(db: Database, actor: Actor, input: MemberInput) {
  return db.transaction(async (tx) => {
    await assertKnownInstances(tx, actor, input.instanceIds);
    const id = await repository.insertMember(tx, actor.organisationId, input);
    return (await repository.findMember(tx, actor.organisationId, id))!;
  });
}

export async function updateMember(db: Database, actor: Actor, memberId: number, input: MemberInput) {
  return db.transaction(async (tx) => {
    await assertKnownInstances(tx, actor, input.instanceIds);
    const before = await repository.findMember(tx, actor.organisationId, memberId);
    if (!before || !(await repository.updateMember(tx, actor.organisationId, memberId, input))) throw notFound(`Member ${memberId}`);
    // Both the instances left and those joined: leaving one changes its roster too.
    for (const instanceId of new Set([...before.instanceIds, ...input.instanceIds])) await assertDecisionsHoldForInstance(tx, actor, instanceId);
    return (await repository.findMember(tx, actor.organisationId, memberId))!;
  });
}

export async function deleteMember(db: Queryable, actor: Actor, memberId: number): Promise<void> {
  if ((await repository.memberUses(db, actor.organisationId, memberId)) > 0) {
    throw conflict(`Le membre ${memberId} figure dans des séances : terminez plutôt son mandat (member appears in sessions: end the mandate instead)`);
  }
  if (!(await repository.deleteMember(db, actor.organisationId, memberId))) throw notFound(`Member ${memberId}`);
}

export async function memberIds(db: Queryable, actor: Actor): Promise<Set<number>> {
  return new Set((await repository.listMembers(db, actor.organisationId)).map((m) => m.id));
}

/** Validates references; one session per instance and date (`sessionId` is the one being edited). */
async function validateSession(db: Queryable, actor: Actor, input: SessionInput, sessionId: number | null): Promise<void> {
  const instances = new Set((await repository.listInstances(db, actor.organisationId)).map((i) => i.id));
  assertValidSession(input, instances, await memberIds(db, actor));
  const clash = await repository.findSessionId(db, actor.organisationId, input.instanceId, input.date);
  if (clash !== undefined && clash !== sessionId) {
    throw validationError('Some fields are invalid', [{ field: 'date', message: `une séance de cette instance existe déjà le ${input.date}` }]);
  }
}

export async function listSessions(db: Queryable, actor: Actor, instanceId: number | null): Promise<Session[]> {
  const sessions = await repository.listSessions(db, actor.organisationId, instanceId);
  return Promise.all(sessions.map(async (s) => ({ ...s, items: await repository.listItemSummaries(db, actor.organisationId, s.id) })));
}

export async function sessionDetail(db: Queryable, actor: Actor, sessionId: number): Promise<Session> {
  const session = await repository.findSession(db, actor.organisationId, sessionId);
  if (!session) throw notFound(`Session ${sessionId}`);
  return { ...session, items: await repository.listItemSummaries(db, actor.organisationId, sessionId) };
}

export async function createSession(db: Database, actor: Actor, input: SessionInput): Promise<Session> {
  const id = await db.transaction(async (tx) => {
    await validateSession(tx, actor, input, null);
    return repository.insertSession(tx, actor.organisationId, input);
  });
  return sessionDetail(db, actor, id);
}

export async function updateSession(db: Database, actor: Actor, sessionId: number, input: SessionInput): Promise<Session> {
  await db.transaction(async (tx) => {
    await validateSession(tx, actor, input, sessionId);
    if (!(await repository.updateSession(tx, actor.organisationId, sessionId, input))) throw notFound(`Session ${sessionId}`);
    await assertDecisionsHold(tx, actor, sessionId);
  });
  return sessionDetail(db, actor, sessionId);
}

export async function deleteSession(db: Queryable, actor: Actor, sessionId: number): Promise<void> {
  const items = await repository.listItemSummaries(db, actor.organisationId, sessionId);
  if (items.some((i) => i.status === 'transmitted')) throw conflict(`La séance ${sessionId} contient des actes transmis en préfecture (session holds transmitted acts)`);
  if (!(await repository.deleteSession(db, actor.organisationId, sessionId))) throw notFound(`Session ${sessionId}`);
}

/** The session as stored, with everything the domain needs; 404 when unknown, 409 without a letterhead. */
export async function loadStoredSession(db: Queryable, actor: Actor, sessionId: number): Promise<StoredSession> {
  const org = actor.organisationId;
  const [session, landlord, instances, members, items] = await Promise.all([
    repository.findSession(db, org, sessionId),
    repository.getLandlord(db, org),
    repository.listInstances(db, org),
    repository.listMembers(db, org),
    repository.listItems(db, org, sessionId),
  ]);
  if (!session) throw notFound(`Session ${sessionId}`);
  if (!landlord) throw conflict('En-tête de l’office non renseigné : PUT /api/deliberations/landlord (register letterhead missing)');
  return { landlord, instances, members, session, items };
}

export function blockedError(item: Pick<Item, 'rank' | 'actNumber'>, status: ItemStatus, blockers: Finding[]): AppError {
  const first = blockers[0]!;
  return new AppError(
    'conflict',
    `Le point ${item.rank} (${item.actNumber}) ne peut être marqué « ${status} » : règle ${first.code} — ${first.message}`,
    blockers.map((f) => ({ field: 'status', message: `${f.code} : ${f.message}` })),
  );
}

/** After a change, every item of the session that left the draft state must still pass the rules. */
export async function assertDecisionsHold(db: Queryable, actor: Actor, sessionId: number): Promise<void> {
  const stored = await loadStoredSession(db, actor, sessionId).catch((error: unknown) => {
    if (error instanceof AppError && error.kind === 'conflict') return null;
    throw error;
  });
  if (!stored) return;
  const file = toSessionFile(stored);
  for (const item of stored.items) {
    const blockers = statusBlockers(file, item.rank, item.status);
    if (blockers.length > 0) throw blockedError(item, item.status, blockers);
  }
}

async function assertDecisionsHoldForInstance(db: Queryable, actor: Actor, instanceId: number): Promise<void> {
  for (const session of await repository.listSessions(db, actor.organisationId, instanceId)) {
    await assertDecisionsHold(db, actor, session.id);
  }
}
