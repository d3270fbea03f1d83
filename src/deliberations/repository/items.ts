/** SQL only: items with their vote, stand-asides, attendance overrides and links. */
import { queryOne, type Queryable } from '../../db/database.js';
import type { Item, ItemInput, ItemStatus, ItemSummary, Link } from '../schemas.js';
import { attendanceJson, replaceAttendance } from './attendance.js';

interface ItemRow {
  id: number;
  sessionId: number;
  rank: number;
  actNumber: string;
  subject: string;
  directorate: string;
  rapporteur: Item['rapporteur'];
  report: string[];
  decisions: string[];
  nature: Item['nature'];
  delegation: Item['delegation'];
  standAsides: Item['standAsides'];
  attendanceOverrides: Item['attendanceOverrides'];
  voteKind: Item['vote']['kind'];
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstentions: number | null;
  votesNotVoting: number | null;
  presidentChoice: 'for' | 'against' | null;
  ballots: { memberId: number; choice: 'for' | 'against' | 'abstention' | 'not_voting' }[];
  declaredResult: Item['declaredResult'];
  matterCode: string | null;
  matterName: string | null;
  transmission: Item['transmission'];
  url: string | null;
  status: ItemStatus;
  links: Link[];
}

const ITEM_SELECT = `
  SELECT i.id, i.session_id AS "sessionId", i.rank, i.act_number AS "actNumber", i.subject, i.directorate,
    json_build_object('civility', i.rapporteur_civility, 'firstName', i.rapporteur_first_name, 'lastName', i.rapporteur_last_name) AS rapporteur,
    i.report, i.decisions, i.nature,
    -- Rows saved before the delegation had a date read as without delegation: the rule asks for it again.
    CASE WHEN i.delegation IS NULL OR i.delegation_date IS NULL THEN NULL
         ELSE json_build_object('date', i.delegation_date, 'reference', i.delegation) END AS delegation,
    COALESCE((SELECT json_agg(json_build_object('memberId', x.member_id, 'reason', x.reason) ORDER BY x.member_id)
              FROM deliberation_stand_asides x WHERE x.organisation_id = i.organisation_id AND x.item_id = i.id), '[]'::json) AS "standAsides",
    ${attendanceJson('deliberation_item_attendance', 'i', 'item_id')} AS "attendanceOverrides",
    i.vote_kind AS "voteKind", i.votes_for AS "votesFor", i.votes_against AS "votesAgainst", i.votes_abstentions AS "votesAbstentions",
    i.votes_not_voting AS "votesNotVoting", i.president_choice AS "presidentChoice",
    COALESCE((SELECT json_agg(json_build_object('memberId', b.member_id, 'choice', b.choice) ORDER BY b.member_id)
              FROM deliberation_ballots b WHERE b.organisation_id = i.organisation_id AND b.item_id = i.id), '[]'::json) AS ballots,
    i.declared_result AS "declaredResult", i.matter_code AS "matterCode", i.matter_name AS "matterName",
    json_build_object('prefectureId', i.prefecture_id, 'transmittedOn', i.transmitted_on, 'acknowledgedOn', i.acknowledged_on,
      'publishedOn', i.published_on) AS transmission,
    i.url, i.status,
    COALESCE((SELECT json_agg(json_build_object('id', l.id, 'kind', l.kind, 'reference', l.reference, 'label', l.label) ORDER BY l.id)
              FROM deliberation_links l WHERE l.organisation_id = i.organisation_id AND l.item_id = i.id), '[]'::json) AS links
  FROM deliberation_items i`;

function toItem(row: ItemRow): Item {
  const { voteKind, votesFor, votesAgainst, votesAbstentions, votesNotVoting, presidentChoice, ballots, matterCode, matterName, ...rest } = row;
  const vote: Item['vote'] =
    voteKind === 'counts'
      ? { kind: 'counts', for: votesFor!, against: votesAgainst!, abstentions: votesAbstentions!, notVoting: votesNotVoting!, presidentChoice }
      : voteKind === 'per_member'
        ? { kind: 'per_member', ballots }
        : { kind: 'unanimity' };
  return { ...rest, vote, matter: matterCode === null ? null : { code: matterCode, name: matterName! } };
}

/** The items of a session in rank order. */
export async function listItems(db: Queryable, organisationId: number, sessionId: number): Promise<Item[]> {
  const rows = await db.query<ItemRow>(`${ITEM_SELECT} WHERE i.organisation_id = $1 AND i.session_id = $2 ORDER BY i.rank`, [organisationId, sessionId]);
  return rows.map(toItem);
}

export async function findItem(db: Queryable, organisationId: number, itemId: number): Promise<Item | undefined> {
  const row = await queryOne<ItemRow>(db, `${ITEM_SELECT} WHERE i.organisation_id = $1 AND i.id = $2`, [organisationId, itemId]);
  return row && toItem(row);
}

export function listItemSummaries(db: Queryable, organisationId: number, sessionId: number): Promise<ItemSummary[]> {
  return db.query<ItemSummary>(
    `SELECT id, session_id AS "sessionId", rank, act_number AS "actNumber", subject, status
     FROM deliberation_items WHERE organisation_id = $1 AND session_id = $2 ORDER BY rank`,
    [organisationId, sessionId],
  );
}

/** The item (other than `exceptItemId`) already holding this act number or this rank in the session. */
export async function findItemClash(db: Queryable, organisationId: number, sessionId: number, item: Pick<ItemInput, 'rank' | 'actNumber'>, exceptItemId: number | null) {
  return queryOne<{ id: number; rank: number; actNumber: string; sessionId: number }>(
    db,
    `SELECT id, rank, act_number AS "actNumber", session_id AS "sessionId" FROM deliberation_items
     WHERE organisation_id = $1 AND id IS DISTINCT FROM $5::int AND (act_number = $3 OR (session_id = $2 AND rank = $4)) LIMIT 1`,
    [organisationId, sessionId, item.actNumber, item.rank, exceptItemId],
  );
}

const itemParams = (i: ItemInput) => {
  const counts = i.vote.kind === 'counts' ? i.vote : null;
  return [
    i.rank, i.actNumber, i.subject, i.directorate, i.rapporteur.civility, i.rapporteur.firstName, i.rapporteur.lastName, i.report, i.decisions,
    i.delegation?.reference ?? null, i.vote.kind, counts?.for ?? null, counts?.against ?? null, counts?.abstentions ?? null, counts?.notVoting ?? null,
    counts?.presidentChoice ?? null, i.declaredResult, i.matter?.code ?? null, i.matter?.name ?? null, i.transmission.prefectureId,
    i.transmission.transmittedOn, i.transmission.acknowledgedOn, i.transmission.publishedOn, i.url, i.status, i.delegation?.date ?? null, i.nature,
  ];
};

async function replaceItemChildren(db: Queryable, organisationId: number, itemId: number, input: ItemInput): Promise<void> {
  await replaceAttendance(db, 'deliberation_item_attendance', 'item_id', organisationId, itemId, input.attendanceOverrides);
  await db.query(`DELETE FROM deliberation_stand_asides WHERE organisation_id = $1 AND item_id = $2`, [organisationId, itemId]);
  await db.query(
    `INSERT INTO deliberation_stand_asides (organisation_id, item_id, member_id, reason)
     SELECT $1, $2, r."memberId", r.reason FROM json_to_recordset($3::json) AS r("memberId" int, reason text)`,
    [organisationId, itemId, JSON.stringify(input.standAsides)],
  );
  await db.query(`DELETE FROM deliberation_ballots WHERE organisation_id = $1 AND item_id = $2`, [organisationId, itemId]);
  await db.query(
    `INSERT INTO deliberation_ballots (organisation_id, item_id, member_id, choice)
     SELECT $1, $2, r."memberId", r.choice FROM json_to_recordset($3::json) AS r("memberId" int, choice text)`,
    [organisationId, itemId, JSON.stringify(input.vote.kind === 'per_member' ? input.vote.ballots : [])],
  );
}

export async function insertItem(db: Queryable, organisationId: number, sessionId: number, input: ItemInput): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO deliberation_items (organisation_id, session_id, rank, act_number, subject, directorate, rapporteur_civility,
       rapporteur_first_name, rapporteur_last_name, report, decisions, delegation, vote_kind, votes_for, votes_against, votes_abstentions,
       votes_not_voting, president_choice, declared_result, matter_code, matter_name, prefecture_id, transmitted_on, acknowledged_on,
       published_on, url, status, delegation_date, nature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)
     RETURNING id`,
    [organisationId, sessionId, ...itemParams(input)],
  );
  await replaceItemChildren(db, organisationId, row!.id, input);
  return row!.id;
}

export async function updateItem(db: Queryable, organisationId: number, itemId: number, input: ItemInput): Promise<boolean> {
  const rows = await db.query(
    `UPDATE deliberation_items SET rank = $3, act_number = $4, subject = $5, directorate = $6, rapporteur_civility = $7,
       rapporteur_first_name = $8, rapporteur_last_name = $9, report = $10, decisions = $11, delegation = $12, vote_kind = $13,
       votes_for = $14, votes_against = $15, votes_abstentions = $16, votes_not_voting = $17, president_choice = $18,
       declared_result = $19, matter_code = $20, matter_name = $21, prefecture_id = $22, transmitted_on = $23, acknowledged_on = $24,
       published_on = $25, url = $26, status = $27, delegation_date = $28, nature = $29, updated_at = now()
     WHERE organisation_id = $1 AND id = $2 RETURNING id`,
    [organisationId, itemId, ...itemParams(input)],
  );
  if (rows.length === 0) return false;
  await replaceItemChildren(db, organisationId, itemId, input);
  return true;
}

export async function setItemStatus(db: Queryable, organisationId: number, itemId: number, status: ItemStatus): Promise<void> {
  await db.query(`UPDATE deliberation_items SET status = $3, updated_at = now() WHERE organisation_id = $1 AND id = $2`, [organisationId, itemId, status]);
}

export async function deleteItem(db: Queryable, organisationId: number, itemId: number): Promise<boolean> {
  return (await db.query(`DELETE FROM deliberation_items WHERE organisation_id = $1 AND id = $2 RETURNING id`, [organisationId, itemId])).length > 0;
}

export async function deleteItemsOutsideRanks(db: Queryable, organisationId: number, sessionId: number, ranks: number[]): Promise<void> {
  await db.query(`DELETE FROM deliberation_items WHERE organisation_id = $1 AND session_id = $2 AND NOT (rank = ANY($3::int[]))`, [organisationId, sessionId, ranks]);
}
