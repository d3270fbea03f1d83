import { auditWrite } from '../access/audit.js';
import { validationError, type FieldError } from '../core/errors.js';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import type { SessionFile } from './domain/model.js';
import { requireManage } from './access.js';
import * as repository from './repository.js';
import type { ItemStatus, ItemSummary } from './schemas.js';
import { loadStoredSession } from './service.js';
import { fromDomainItem, fromDomainSession, toSessionFile, type IdMaps } from './session-file.js';
import { computedOutcome, itemFindings, statusBlockers } from './status.js';

export interface ImportResult {
  sessionId: number;
  created: boolean;
  items: (ItemSummary & { errors: number })[];
}

/** Lists in which storage holds each value once (the domain reports them as findings, storage cannot hold them). */
function duplicateErrors(file: SessionFile): FieldError[] {
  const twice = (values: (string | number)[], field: (i: number) => string, what: string): FieldError[] =>
    values.flatMap((v, i) => (values.indexOf(v) !== i ? [{ field: field(i), message: `${what} « ${v} » en double` }] : []));
  return [
    ...twice(file.session.attendance.map((a) => a.member), (i) => `session.attendance.${i}.member`, 'membre'),
    ...twice(file.items.map((item) => item.rank), (i) => `items.${i}.rank`, 'rang'),
    ...twice(file.items.map((item) => item.actNumber), (i) => `items.${i}.actNumber`, 'numéro d’acte'),
    ...file.items.flatMap((item, n) => [
      ...twice(item.attendanceOverrides.map((a) => a.member), (i) => `items.${n}.attendanceOverrides.${i}.member`, 'membre'),
      ...twice(item.standAsides.map((s) => s.member), (i) => `items.${n}.standAsides.${i}.member`, 'membre'),
      ...(item.vote.kind === 'per_member' ? twice(item.vote.ballots.map((b) => b.member), (i) => `items.${n}.vote.ballots.${i}.member`, 'membre') : []),
    ]),
  ];
}

async function upsertInstances(tx: Queryable, org: number, file: SessionFile): Promise<Map<string, number>> {
  const ids = await repository.findIdsByExternalId(tx, 'deliberation_instances', org);
  for (const { id: externalId, ...settings } of file.instances) {
    const input = { externalId, ...settings };
    const existing = ids.get(externalId);
    if (existing === undefined) ids.set(externalId, await repository.insertInstance(tx, org, input));
    else await repository.updateInstance(tx, org, existing, input);
  }
  return ids;
}

async function upsertMembers(tx: Queryable, org: number, file: SessionFile, instances: Map<string, number>): Promise<Map<string, number>> {
  const ids = await repository.findIdsByExternalId(tx, 'deliberation_members', org);
  for (const { id: externalId, instances: memberOf, ...person } of file.members) {
    const input = { externalId, ...person, instanceIds: memberOf.map((i) => instances.get(i)!) };
    const existing = ids.get(externalId);
    if (existing === undefined) ids.set(externalId, await repository.insertMember(tx, org, input));
    else await repository.updateMember(tx, org, existing, input);
  }
  return ids;
}

/** Act numbers the file shares with decisions of other sessions. */
async function actNumberClashes(tx: Queryable, org: number, sessionId: number, file: SessionFile): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [i, item] of file.items.entries()) {
    const clash = await repository.findItemClash(tx, org, sessionId, { rank: 0, actNumber: item.actNumber }, null);
    if (clash && clash.sessionId !== sessionId) errors.push({ field: `items.${i}.actNumber`, message: `numéro d’acte déjà porté par un point d’une autre séance (${clash.id})` });
  }
  return errors;
}

/** What the file says happened to the item: transmitted, or the result of its vote. */
function intendedStatus(file: SessionFile, rank: number): ItemStatus {
  if (file.items.find((i) => i.rank === rank)!.transmission?.transmittedOn) return 'transmitted';
  const outcome = computedOutcome(file, rank);
  return outcome === 'undetermined' ? 'draft' : outcome;
}

async function writeSession(tx: Queryable, org: number, file: SessionFile, ids: IdMaps) {
  const input = fromDomainSession(file.session, ids);
  const existing = await repository.findSessionId(tx, org, input.instanceId, input.date);
  const sessionId = existing ?? (await repository.insertSession(tx, org, input));
  if (existing !== undefined) await repository.updateSession(tx, org, sessionId, input);
  return { sessionId, created: existing === undefined };
}

/**
 * Imports one session file, all or nothing and idempotent: instances and members by their file
 * id, the session by instance and date, items by rank (items missing from the file are removed).
 * Every item is saved as a draft, then marked as the file says (transmitted, adopted, rejected)
 * when the domain's rules find no error in the stored session.
 */
export async function importSession(db: Queryable, actor: Actor, file: SessionFile): Promise<ImportResult> {
  const org = actor.organisationId;
  await requireManage(db, actor);
  const duplicates = duplicateErrors(file);
  if (duplicates.length > 0) throw validationError('Fichier de séance non importable (session file cannot be imported)', duplicates);
  return db.transaction(async (tx) => {
    await repository.upsertLandlord(tx, org, file.landlord);
    const instances = await upsertInstances(tx, org, file);
    const ids: IdMaps = { instances, members: await upsertMembers(tx, org, file, instances) };
    const { sessionId, created } = await writeSession(tx, org, file, ids);
    const clashes = await actNumberClashes(tx, org, sessionId, file);
    if (clashes.length > 0) throw validationError('Fichier de séance non importable (session file cannot be imported)', clashes);
    const ranks = file.items.map((i) => i.rank);
    const dropped = (await repository.listItemSummaries(tx, org, sessionId)).filter((s) => s.status === 'transmitted' && !ranks.includes(s.rank));
    if (dropped.length > 0) {
      throw validationError('Fichier de séance non importable (session file cannot be imported)', dropped.map((s) => ({
        field: 'items', message: `l’acte transmis ${s.actNumber} (rang ${s.rank}) manque au fichier : un acte transmis ne peut être retiré`,
      })));
    }
    await repository.deleteItemsOutsideRanks(tx, org, sessionId, ranks);
    const existing = new Map((await repository.listItemSummaries(tx, org, sessionId)).map((s) => [s.rank, s.id]));
    for (const item of file.items) {
      const input = fromDomainItem(item, ids);
      const itemId = existing.get(item.rank);
      if (itemId === undefined) await repository.insertItem(tx, org, sessionId, input);
      else await repository.updateItem(tx, org, itemId, input);
    }
    const stored = await loadStoredSession(tx, actor, sessionId);
    const storedFile = toSessionFile(stored);
    const items = [];
    for (const item of stored.items) {
      const status = intendedStatus(storedFile, item.rank);
      const errors = itemFindings(storedFile, item.rank).filter((f) => f.severity === 'error').length;
      const final = statusBlockers(storedFile, item.rank, status).length === 0 ? status : 'draft';
      if (final !== 'draft') await repository.setItemStatus(tx, org, item.id, final);
      items.push({ id: item.id, sessionId, rank: item.rank, actNumber: item.actNumber, subject: item.subject, status: final, errors });
    }
    const result = { sessionId, created, items };
    await auditWrite(tx, actor, { action: 'deliberation_session.import', objectType: 'deliberation_session', objectId: sessionId, after: { file, result } });
    return result;
  });
}
