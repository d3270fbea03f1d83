import { auditWrite } from '../access/audit.js';
import { AppError, conflict, notFound, validationError } from '../core/errors.js';
import type { Queryable } from '../db/database.js';
import type { Finding } from './domain/findings.js';
import type { Actor } from '../http/context.js';
import { requireManage, requireRead } from './access.js';
import * as repository from './repository.js';
import type { InstanceInput, Item, ItemStatus, Landlord, MemberInput, Session, SessionInput } from './schemas.js';
import { toSessionFile, type StoredSession } from './session-file.js';
import { statusBlockers } from './status.js';
import { assertValidSession } from './validation.js';

export async function getLandlord(db: Queryable, actor: Actor): Promise<Landlord> {
  await requireRead(db, actor);
  const landlord = await repository.getLandlord(db, actor.organisationId);
  if (!landlord) throw notFound('Register letterhead');
  return landlord;
}

export async function putLandlord(db: Queryable, actor: Actor, landlord: Landlord): Promise<Landlord> {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const before = await repository.getLandlord(tx, actor.organisationId);
    await repository.upsertLandlord(tx, actor.organisationId, landlord);
    await auditWrite(tx, actor, { action: 'deliberation_landlord.update', objectType: 'deliberation_landlord', objectId: null, before: before ?? null, after: landlord });
    return landlord;
  });
}

export async function listInstances(db: Queryable, actor: Actor) {
  await requireRead(db, actor);
  return repository.listInstances(db, actor.organisationId);
}

export async function createInstance(db: Queryable, actor: Actor, input: InstanceInput) {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const id = await repository.insertInstance(tx, actor.organisationId, input);
    const created = (await repository.findInstance(tx, actor.organisationId, id))!;
    await auditWrite(tx, actor, { action: 'deliberation_instance.create', objectType: 'deliberation_instance', objectId: id, after: created });
    return created;
  });
}

export async function updateInstance(db: Queryable, actor: Actor, instanceId: number, input: InstanceInput) {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const before = await repository.findInstance(tx, actor.organisationId, instanceId);
    if (!before || !(await repository.updateInstance(tx, actor.organisationId, instanceId, input))) throw notFound(`Instance ${instanceId}`);
    await assertDecisionsHoldForInstance(tx, actor, instanceId);
    const after = (await repository.findInstance(tx, actor.organisationId, instanceId))!;
    await auditWrite(tx, actor, { action: 'deliberation_instance.update', objectType: 'deliberation_instance', objectId: instanceId, before, after });
    return after;
  });
}

export async function deleteInstance(db: Queryable, actor: Actor, instanceId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const before = await repository.findInstance(tx, actor.organisationId, instanceId);
    if (!before) throw notFound(`Instance ${instanceId}`);
    if ((await repository.instanceUses(tx, actor.organisationId, instanceId)) > 0) {
      throw conflict(`L’instance ${instanceId} a des membres ou des séances (instance still has members or sessions)`);
    }
    await repository.deleteInstance(tx, actor.organisationId, instanceId);
    await auditWrite(tx, actor, { action: 'deliberation_instance.delete', objectType: 'deliberation_instance', objectId: instanceId, before });
  });
}

export async function listMembers(db: Queryable, actor: Actor) {
  await requireRead(db, actor);
  return repository.listMembers(db, actor.organisationId);
}

async function assertKnownInstances(db: Queryable, actor: Actor, instanceIds: number[]): Promise<void> {
  const known = new Set((await repository.listInstances(db, actor.organisationId)).map((i) => i.id));
  const errors = instanceIds.flatMap((id, i) => (known.has(id) ? [] : [{ field: `instanceIds.${i}`, message: `instance inconnue (${id})` }]));
  if (errors.length > 0) throw validationError('Some fields are invalid', errors);
}

export async function createMember(db: Queryable, actor: Actor, input: MemberInput) {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    await assertKnownInstances(tx, actor, input.instanceIds);
    const id = await repository.insertMember(tx, actor.organisationId, input);
    const created = (await repository.findMember(tx, actor.organisationId, id))!;
    await auditWrite(tx, actor, { action: 'deliberation_member.create', objectType: 'deliberation_member', objectId: id, after: created });
    return created;
  });
}

export async function updateMember(db: Queryable, actor: Actor, memberId: number, input: MemberInput) {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    await assertKnownInstances(tx, actor, input.instanceIds);
    const before = await repository.findMember(tx, actor.organisationId, memberId);
    if (!before || !(await repository.updateMember(tx, actor.organisationId, memberId, input))) throw notFound(`Member ${memberId}`);
    // Both the instances left and those joined: leaving one changes its roster too.
    for (const instanceId of new Set([...before.instanceIds, ...input.instanceIds])) await assertDecisionsHoldForInstance(tx, actor, instanceId);
    const after = (await repository.findMember(tx, actor.organisationId, memberId))!;
    await auditWrite(tx, actor, { action: 'deliberation_member.update', objectType: 'deliberation_member', objectId: memberId, before, after });
    return after;
  });
}

export async function deleteMember(db: Queryable, actor: Actor, memberId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const before = await repository.findMember(tx, actor.organisationId, memberId);
    if (!before) throw notFound(`Member ${memberId}`);
    if ((await repository.memberUses(tx, actor.organisationId, memberId)) > 0) {
      throw conflict(`Le membre ${memberId} figure dans des séances : terminez plutôt son mandat (member appears in sessions: end the mandate instead)`);
    }
    await repository.deleteMember(tx, actor.organisationId, memberId);
    await auditWrite(tx, actor, { action: 'deliberation_member.delete', objectType: 'deliberation_member', objectId: memberId, before });
  });
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
  await requireRead(db, actor);
  const sessions = await repository.listSessions(db, actor.organisationId, instanceId);
  return Promise.all(sessions.map(async (s) => ({ ...s, items: await repository.listItemSummaries(db, actor.organisationId, s.id) })));
}

async function findSessionDetail(db: Queryable, actor: Actor, sessionId: number): Promise<Session> {
  const session = await repository.findSession(db, actor.organisationId, sessionId);
  if (!session) throw notFound(`Session ${sessionId}`);
  return { ...session, items: await repository.listItemSummaries(db, actor.organisationId, sessionId) };
}

export async function sessionDetail(db: Queryable, actor: Actor, sessionId: number): Promise<Session> {
  await requireRead(db, actor);
  return findSessionDetail(db, actor, sessionId);
}

/** The session as the audit log keeps it: its settings and attendance, without the item list. */
const auditedSession = ({ items: _, ...session }: Session) => session;

export async function createSession(db: Queryable, actor: Actor, input: SessionInput): Promise<Session> {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    await validateSession(tx, actor, input, null);
    const id = await repository.insertSession(tx, actor.organisationId, input);
    const created = await findSessionDetail(tx, actor, id);
    await auditWrite(tx, actor, { action: 'deliberation_session.create', objectType: 'deliberation_session', objectId: id, after: auditedSession(created) });
    return created;
  });
}

/** Attendance changes go through here: the audit entry keeps the sheet before and after. */
export async function updateSession(db: Queryable, actor: Actor, sessionId: number, input: SessionInput): Promise<Session> {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const before = await findSessionDetail(tx, actor, sessionId);
    await validateSession(tx, actor, input, sessionId);
    await repository.updateSession(tx, actor.organisationId, sessionId, input);
    await assertDecisionsHold(tx, actor, sessionId);
    const after = await findSessionDetail(tx, actor, sessionId);
    await auditWrite(tx, actor, { action: 'deliberation_session.update', objectType: 'deliberation_session', objectId: sessionId, before: auditedSession(before), after: auditedSession(after) });
    return after;
  });
}

/** The audit entry keeps the deleted session with the items that went with it. */
export async function deleteSession(db: Queryable, actor: Actor, sessionId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const before = await findSessionDetail(tx, actor, sessionId);
    if (before.items.some((i) => i.status === 'transmitted')) throw conflict(`La séance ${sessionId} contient des actes transmis en préfecture (session holds transmitted acts)`);
    await repository.deleteSession(tx, actor.organisationId, sessionId);
    await auditWrite(tx, actor, { action: 'deliberation_session.delete', objectType: 'deliberation_session', objectId: sessionId, before });
  });
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
