import { auditWrite } from '../access/audit.js';
import { conflict, notFound, validationError } from '../core/errors.js';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { composeExtract, type ExtractBlock } from './domain/extract.js';
import { toScdlRow, type ScdlRow } from './domain/scdl.js';
import { itemContext, tally } from './domain/tally.js';
import { requireManage, requireRead } from './access.js';
import * as repository from './repository.js';
import type { Item, ItemInput, LinkInput } from './schemas.js';
import { assertDecisionsHold, blockedError, loadStoredSession, memberIds } from './service.js';
import { toSessionFile } from './session-file.js';
import { itemFindings, statusBlockers } from './status.js';
import { assertValidItem } from './validation.js';

async function findItem(db: Queryable, actor: Actor, itemId: number): Promise<Item> {
  const item = await repository.findItem(db, actor.organisationId, itemId);
  if (!item) throw notFound(`Item ${itemId}`);
  return item;
}

export async function getItem(db: Queryable, actor: Actor, itemId: number): Promise<Item> {
  await requireRead(db, actor);
  return findItem(db, actor, itemId);
}

async function validateItem(db: Queryable, actor: Actor, sessionId: number, input: ItemInput, itemId: number | null): Promise<void> {
  assertValidItem(input, await memberIds(db, actor));
  const clash = await repository.findItemClash(db, actor.organisationId, sessionId, input, itemId);
  if (!clash) return;
  const field = clash.actNumber === input.actNumber ? 'actNumber' : 'rank';
  const message = field === 'actNumber' ? `numéro d’acte déjà porté par le point ${clash.id}` : `rang déjà pris dans la séance par le point ${clash.id}`;
  throw validationError('Some fields are invalid', [{ field, message }]);
}

/** Refuses (409, naming the rule) a status other than draft while the rules find an error. */
async function assertStatusAllowed(db: Queryable, actor: Actor, sessionId: number, input: ItemInput): Promise<void> {
  if (input.status === 'draft') return;
  const file = toSessionFile(await loadStoredSession(db, actor, sessionId));
  const blockers = statusBlockers(file, input.rank, input.status);
  if (blockers.length > 0) throw blockedError(input, input.status, blockers);
}

export async function createItem(db: Queryable, actor: Actor, sessionId: number, input: ItemInput): Promise<Item> {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    if (!(await repository.findSession(tx, actor.organisationId, sessionId))) throw notFound(`Session ${sessionId}`);
    await validateItem(tx, actor, sessionId, input, null);
    const itemId = await repository.insertItem(tx, actor.organisationId, sessionId, input);
    await assertStatusAllowed(tx, actor, sessionId, input);
    const created = await findItem(tx, actor, itemId);
    await auditWrite(tx, actor, { action: 'deliberation_item.create', objectType: 'deliberation_item', objectId: itemId, after: created });
    return created;
  });
}

/** Votes, stand-asides and per-item attendance are part of the item: the audit entry keeps them before and after. */
export async function updateItem(db: Queryable, actor: Actor, itemId: number, input: ItemInput): Promise<Item> {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const before = await findItem(tx, actor, itemId);
    await validateItem(tx, actor, before.sessionId, input, itemId);
    await repository.updateItem(tx, actor.organisationId, itemId, input);
    await assertStatusAllowed(tx, actor, before.sessionId, input);
    // The other decisions of the session share its rules (act numbers and ranks are unique per session).
    await assertDecisionsHold(tx, actor, before.sessionId);
    const after = await findItem(tx, actor, itemId);
    await auditWrite(tx, actor, { action: 'deliberation_item.update', objectType: 'deliberation_item', objectId: itemId, before, after });
    return after;
  });
}

/** A transmitted act is in the prefecture's register: it cannot disappear from the landlord's. */
export async function deleteItem(db: Queryable, actor: Actor, itemId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const before = await findItem(tx, actor, itemId);
    if (before.status === 'transmitted') throw conflict(`L’acte ${before.actNumber} a été transmis en préfecture (transmitted act)`);
    await repository.deleteItem(tx, actor.organisationId, itemId);
    await auditWrite(tx, actor, { action: 'deliberation_item.delete', objectType: 'deliberation_item', objectId: itemId, before });
  });
}

/** Errors and warnings of the domain's rules for the item, with those on the whole session. */
export async function checkItem(db: Queryable, actor: Actor, itemId: number) {
  const item = await getItem(db, actor, itemId);
  const findings = itemFindings(toSessionFile(await loadStoredSession(db, actor, item.sessionId)), item.rank);
  const errors = findings.filter((f) => f.severity === 'error');
  return { valid: errors.length === 0, errors, warnings: findings.filter((f) => f.severity === 'warning') };
}

export async function extractBlocks(db: Queryable, actor: Actor, itemId: number): Promise<{ item: Item; blocks: ExtractBlock[] }> {
  const item = await getItem(db, actor, itemId);
  const file = toSessionFile(await loadStoredSession(db, actor, item.sessionId));
  return { item, blocks: composeExtract(file, item.rank) };
}

export async function addLink(db: Queryable, actor: Actor, itemId: number, link: LinkInput) {
  return db.transaction(async (tx) => {
    await requireManage(tx, actor);
    await findItem(tx, actor, itemId);
    const created = await repository.insertLink(tx, actor.organisationId, itemId, link);
    await auditWrite(tx, actor, { action: 'deliberation_link.add', objectType: 'deliberation_item', objectId: itemId, after: created });
    return created;
  });
}

export async function removeLink(db: Queryable, actor: Actor, itemId: number, linkId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await requireManage(tx, actor);
    const before = (await findItem(tx, actor, itemId)).links.find((l) => l.id === linkId);
    if (!before) throw notFound(`Link ${linkId}`);
    await repository.deleteLink(tx, actor.organisationId, itemId, linkId);
    await auditWrite(tx, actor, { action: 'deliberation_link.remove', objectType: 'deliberation_item', objectId: itemId, before });
  });
}

export async function linkedDecisions(db: Queryable, actor: Actor, kind: string, reference: string) {
  await requireRead(db, actor);
  return repository.findItemsLinkedTo(db, actor.organisationId, kind, reference);
}

export async function searchRegister(db: Queryable, actor: Actor, text: string, limit: number) {
  await requireRead(db, actor);
  return repository.searchRegister(db, actor.organisationId, text, limit);
}

/** SCDL rows of every decision out of draft (optionally of one year), in session then rank order. */
export async function scdlRows(db: Queryable, actor: Actor, year: number | null): Promise<ScdlRow[]> {
  await requireRead(db, actor);
  const rows: ScdlRow[] = [];
  for (const sessionId of await repository.listSessionIdsWithDecisions(db, actor.organisationId, year)) {
    const stored = await loadStoredSession(db, actor, sessionId);
    const file = toSessionFile(stored);
    for (const [index, item] of stored.items.entries()) {
      if (item.status === 'draft') continue;
      const ctx = itemContext(file, file.items[index]!);
      rows.push(toScdlRow(ctx, tally(ctx)));
    }
  }
  return rows;
}
