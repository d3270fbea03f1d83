import type { Queryable } from '../db/database.js';
import { queryOne } from '../db/database.js';
import type {
  AttendanceInput, Instance, InstanceInput, Item, ItemInput, ItemStatus, ItemSummary, Landlord, Link, LinkInput, Member, MemberInput, RegisterEntry, SessionInput,
} from './schemas.js';

/** SQL only: the register of one organisation, read and written as the API's shapes. */

export async function getLandlord(db: Queryable, organisationId: number): Promise<Landlord | undefined> {
  return queryOne<Landlord>(
    db,
    `SELECT name, legal_form AS "legalForm", siret, address_lines AS "addressLines",
       json_build_object('civility', dg_civility, 'firstName', dg_first_name, 'lastName', dg_last_name) AS "directorGeneral"
     FROM deliberation_landlords WHERE organisation_id = $1`,
    [organisationId],
  );
}

export async function upsertLandlord(db: Queryable, organisationId: number, l: Landlord): Promise<void> {
  await db.query(
    `INSERT INTO deliberation_landlords (organisation_id, name, legal_form, siret, address_lines, dg_civility, dg_first_name, dg_last_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (organisation_id) DO UPDATE SET name = $2, legal_form = $3, siret = $4, address_lines = $5,
       dg_civility = $6, dg_first_name = $7, dg_last_name = $8`,
    [organisationId, l.name, l.legalForm, l.siret, l.addressLines, l.directorGeneral.civility, l.directorGeneral.firstName, l.directorGeneral.lastName],
  );
}

const INSTANCE_COLUMNS = `id, external_id AS "externalId", kind, name, seats,
  CASE WHEN quorum_numerator IS NULL THEN NULL
       ELSE json_build_object('numerator', quorum_numerator, 'denominator', quorum_denominator) END AS quorum,
  max_proxies_per_member AS "maxProxiesPerMember", remote_attendance_allowed AS "remoteAttendanceAllowed",
  majority, casting_vote AS "castingVote"`;

export function listInstances(db: Queryable, organisationId: number): Promise<Instance[]> {
  return db.query<Instance>(`SELECT ${INSTANCE_COLUMNS} FROM deliberation_instances WHERE organisation_id = $1 ORDER BY id`, [organisationId]);
}

export function findInstance(db: Queryable, organisationId: number, instanceId: number): Promise<Instance | undefined> {
  return queryOne<Instance>(db, `SELECT ${INSTANCE_COLUMNS} FROM deliberation_instances WHERE organisation_id = $1 AND id = $2`, [organisationId, instanceId]);
}

const instanceParams = (i: InstanceInput) => [
  i.externalId, i.kind, i.name, i.seats, i.quorum?.numerator ?? null, i.quorum?.denominator ?? null,
  i.maxProxiesPerMember, i.remoteAttendanceAllowed, i.majority, i.castingVote,
];

export async function insertInstance(db: Queryable, organisationId: number, input: InstanceInput): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO deliberation_instances (organisation_id, external_id, kind, name, seats, quorum_numerator, quorum_denominator,
       max_proxies_per_member, remote_attendance_allowed, majority, casting_vote)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [organisationId, ...instanceParams(input)],
  );
  return row!.id;
}

export async function updateInstance(db: Queryable, organisationId: number, instanceId: number, input: InstanceInput): Promise<boolean> {
  const rows = await db.query(
    `UPDATE deliberation_instances SET external_id = $3, kind = $4, name = $5, seats = $6, quorum_numerator = $7, quorum_denominator = $8,
       max_proxies_per_member = $9, remote_attendance_allowed = $10, majority = $11, casting_vote = $12
     WHERE organisation_id = $1 AND id = $2 RETURNING id`,
    [organisationId, instanceId, ...instanceParams(input)],
  );
  return rows.length > 0;
}

/** Number of sessions and member seats that still refer to the instance. */
export async function instanceUses(db: Queryable, organisationId: number, instanceId: number): Promise<number> {
  const [row] = await db.query<{ uses: number }>(
    `SELECT (SELECT count(*) FROM deliberation_sessions WHERE organisation_id = $1 AND instance_id = $2)
          + (SELECT count(*) FROM deliberation_member_instances WHERE organisation_id = $1 AND instance_id = $2) AS uses`,
    [organisationId, instanceId],
  );
  return row!.uses;
}

export async function deleteInstance(db: Queryable, organisationId: number, instanceId: number): Promise<boolean> {
  return (await db.query(`DELETE FROM deliberation_instances WHERE organisation_id = $1 AND id = $2 RETURNING id`, [organisationId, instanceId])).length > 0;
}

const MEMBER_SELECT = `
  SELECT m.id, m.external_id AS "externalId", m.civility, m.first_name AS "firstName", m.last_name AS "lastName", m.category, m.voting,
    COALESCE((SELECT array_agg(mi.instance_id ORDER BY mi.instance_id) FROM deliberation_member_instances mi
              WHERE mi.organisation_id = m.organisation_id AND mi.member_id = m.id), '{}') AS "instanceIds",
    m.mandate_start AS "mandateStart", m.mandate_end AS "mandateEnd"
  FROM deliberation_members m`;

/** In id order: the roster order the domain keeps proxies in. */
export function listMembers(db: Queryable, organisationId: number): Promise<Member[]> {
  return db.query<Member>(`${MEMBER_SELECT} WHERE m.organisation_id = $1 ORDER BY m.id`, [organisationId]);
}

export function findMember(db: Queryable, organisationId: number, memberId: number): Promise<Member | undefined> {
  return queryOne<Member>(db, `${MEMBER_SELECT} WHERE m.organisation_id = $1 AND m.id = $2`, [organisationId, memberId]);
}

async function replaceMemberInstances(db: Queryable, organisationId: number, memberId: number, instanceIds: number[]): Promise<void> {
  await db.query(`DELETE FROM deliberation_member_instances WHERE organisation_id = $1 AND member_id = $2`, [organisationId, memberId]);
  await db.query(
    `INSERT INTO deliberation_member_instances (organisation_id, member_id, instance_id) SELECT $1, $2, unnest($3::int[])`,
    [organisationId, memberId, instanceIds],
  );
}

const memberParams = (m: MemberInput) => [m.externalId, m.civility, m.firstName, m.lastName, m.category, m.voting, m.mandateStart, m.mandateEnd];

export async function insertMember(db: Queryable, organisationId: number, input: MemberInput): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO deliberation_members (organisation_id, external_id, civility, first_name, last_name, category, voting, mandate_start, mandate_end)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [organisationId, ...memberParams(input)],
  );
  await replaceMemberInstances(db, organisationId, row!.id, input.instanceIds);
  return row!.id;
}

export async function updateMember(db: Queryable, organisationId: number, memberId: number, input: MemberInput): Promise<boolean> {
  const rows = await db.query(
    `UPDATE deliberation_members SET external_id = $3, civility = $4, first_name = $5, last_name = $6, category = $7, voting = $8,
       mandate_start = $9, mandate_end = $10
     WHERE organisation_id = $1 AND id = $2 RETURNING id`,
    [organisationId, memberId, ...memberParams(input)],
  );
  if (rows.length === 0) return false;
  await replaceMemberInstances(db, organisationId, memberId, input.instanceIds);
  return true;
}

/** Attendance rows, proxies, stand-asides, ballots and presidencies that name the member. */
export async function memberUses(db: Queryable, organisationId: number, memberId: number): Promise<number> {
  const [row] = await db.query<{ uses: number }>(
    `SELECT (SELECT count(*) FROM deliberation_attendance WHERE organisation_id = $1 AND $2 IN (member_id, proxy_holder_id))
          + (SELECT count(*) FROM deliberation_item_attendance WHERE organisation_id = $1 AND $2 IN (member_id, proxy_holder_id))
          + (SELECT count(*) FROM deliberation_stand_asides WHERE organisation_id = $1 AND member_id = $2)
          + (SELECT count(*) FROM deliberation_ballots WHERE organisation_id = $1 AND member_id = $2)
          + (SELECT count(*) FROM deliberation_sessions WHERE organisation_id = $1 AND president_id = $2) AS uses`,
    [organisationId, memberId],
  );
  return row!.uses;
}

export async function deleteMember(db: Queryable, organisationId: number, memberId: number): Promise<boolean> {
  return (await db.query(`DELETE FROM deliberation_members WHERE organisation_id = $1 AND id = $2 RETURNING id`, [organisationId, memberId])).length > 0;
}

export interface SessionRow extends SessionInput {
  id: number;
  secondConvocation: boolean;
  instanceName: string;
  instanceKind: 'board' | 'bureau';
}

const attendanceJson = (table: string, owner: string, ownerId: string) => `
  COALESCE((SELECT json_agg(json_build_object('memberId', a.member_id, 'status', a.status, 'proxyHolderId', a.proxy_holder_id) ORDER BY a.member_id)
            FROM ${table} a WHERE a.organisation_id = ${owner}.organisation_id AND a.${ownerId} = ${owner}.id), '[]'::json)`;

const SESSION_SELECT = `
  SELECT s.id, s.instance_id AS "instanceId", s.date, s.convocation_date AS "convocationDate", s.president_id AS "presidentId",
    s.second_convocation AS "secondConvocation", i.name AS "instanceName", i.kind AS "instanceKind",
    ${attendanceJson('deliberation_attendance', 's', 'session_id')} AS attendance
  FROM deliberation_sessions s JOIN deliberation_instances i ON i.organisation_id = s.organisation_id AND i.id = s.instance_id`;

/** Newest first, optionally for one instance. */
export function listSessions(db: Queryable, organisationId: number, instanceId: number | null): Promise<SessionRow[]> {
  return db.query<SessionRow>(
    `${SESSION_SELECT} WHERE s.organisation_id = $1 AND ($2::int IS NULL OR s.instance_id = $2) ORDER BY s.date DESC, s.id DESC`,
    [organisationId, instanceId],
  );
}

export function findSession(db: Queryable, organisationId: number, sessionId: number): Promise<SessionRow | undefined> {
  return queryOne<SessionRow>(db, `${SESSION_SELECT} WHERE s.organisation_id = $1 AND s.id = $2`, [organisationId, sessionId]);
}

export async function findSessionId(db: Queryable, organisationId: number, instanceId: number, date: string): Promise<number | undefined> {
  const row = await queryOne<{ id: number }>(
    db, `SELECT id FROM deliberation_sessions WHERE organisation_id = $1 AND instance_id = $2 AND date = $3`, [organisationId, instanceId, date],
  );
  return row?.id;
}

async function replaceAttendance(db: Queryable, table: string, ownerColumn: string, organisationId: number, ownerId: number, rows: AttendanceInput[]): Promise<void> {
  await db.query(`DELETE FROM ${table} WHERE organisation_id = $1 AND ${ownerColumn} = $2`, [organisationId, ownerId]);
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO ${table} (organisation_id, ${ownerColumn}, member_id, status, proxy_holder_id)
     SELECT $1, $2, r."memberId", r.status, r."proxyHolderId" FROM json_to_recordset($3::json) AS r("memberId" int, status text, "proxyHolderId" int)`,
    [organisationId, ownerId, JSON.stringify(rows)],
  );
}

export async function insertSession(db: Queryable, organisationId: number, input: SessionInput): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO deliberation_sessions (organisation_id, instance_id, date, convocation_date, president_id, second_convocation)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [organisationId, input.instanceId, input.date, input.convocationDate, input.presidentId, input.secondConvocation],
  );
  await replaceAttendance(db, 'deliberation_attendance', 'session_id', organisationId, row!.id, input.attendance);
  return row!.id;
}

export async function updateSession(db: Queryable, organisationId: number, sessionId: number, input: SessionInput): Promise<boolean> {
  const rows = await db.query(
    `UPDATE deliberation_sessions SET instance_id = $3, date = $4, convocation_date = $5, president_id = $6, second_convocation = $7
     WHERE organisation_id = $1 AND id = $2 RETURNING id`,
    [organisationId, sessionId, input.instanceId, input.date, input.convocationDate, input.presidentId, input.secondConvocation],
  );
  if (rows.length === 0) return false;
  await replaceAttendance(db, 'deliberation_attendance', 'session_id', organisationId, sessionId, input.attendance);
  return true;
}

export async function deleteSession(db: Queryable, organisationId: number, sessionId: number): Promise<boolean> {
  return (await db.query(`DELETE FROM deliberation_sessions WHERE organisation_id = $1 AND id = $2 RETURNING id`, [organisationId, sessionId])).length > 0;
}

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
  delegation: string | null;
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
    i.report, i.decisions, i.delegation,
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
    i.delegation, i.vote.kind, counts?.for ?? null, counts?.against ?? null, counts?.abstentions ?? null, counts?.notVoting ?? null,
    counts?.presidentChoice ?? null, i.declaredResult, i.matter?.code ?? null, i.matter?.name ?? null, i.transmission.prefectureId,
    i.transmission.transmittedOn, i.transmission.acknowledgedOn, i.transmission.publishedOn, i.url, i.status,
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
       published_on, url, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)
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
       published_on = $25, url = $26, status = $27, updated_at = now()
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

export async function insertLink(db: Queryable, organisationId: number, itemId: number, link: LinkInput): Promise<Link> {
  const [row] = await db.query<Link>(
    `INSERT INTO deliberation_links (organisation_id, item_id, kind, reference, label) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (organisation_id, item_id, kind, reference) DO UPDATE SET label = EXCLUDED.label
     RETURNING id, kind, reference, label`,
    [organisationId, itemId, link.kind, link.reference, link.label],
  );
  return row!;
}

export async function deleteLink(db: Queryable, organisationId: number, itemId: number, linkId: number): Promise<boolean> {
  const rows = await db.query(`DELETE FROM deliberation_links WHERE organisation_id = $1 AND item_id = $2 AND id = $3 RETURNING id`, [organisationId, itemId, linkId]);
  return rows.length > 0;
}

const REGISTER_COLUMNS = `i.id, i.session_id AS "sessionId", i.rank, i.act_number AS "actNumber", i.subject, i.status,
  s.date AS "sessionDate", n.name AS "instanceName"`;
const REGISTER_FROM = `FROM deliberation_items i
  JOIN deliberation_sessions s ON s.organisation_id = i.organisation_id AND s.id = i.session_id
  JOIN deliberation_instances n ON n.organisation_id = s.organisation_id AND n.id = s.instance_id`;

/** The decisions that decided this object ("and back" from a funding convention, an operation…). */
export function findItemsLinkedTo(db: Queryable, organisationId: number, kind: string, reference: string): Promise<RegisterEntry[]> {
  return db.query<RegisterEntry>(
    `SELECT ${REGISTER_COLUMNS}, NULL AS excerpt ${REGISTER_FROM}
     WHERE i.organisation_id = $1
       AND EXISTS (SELECT 1 FROM deliberation_links l WHERE l.organisation_id = i.organisation_id AND l.item_id = i.id AND l.kind = $2 AND l.reference = $3)
     ORDER BY s.date DESC, i.rank`,
    [organisationId, kind, reference],
  );
}

/** Folds case and French accents, so that "departement" finds "Département" after stemming. */
const fold = (expression: string) =>
  `translate(lower(${expression}), 'àâäáãéèêëíìîïóòôöõúùûüçœæÿ', 'aaaaaeeeeiiiiooooouuuuceay')`;
const ITEM_TEXT = `i.subject || ' ' || array_to_string(i.report, ' ') || ' ' || array_to_string(i.decisions, ' ')`;

/**
 * Full-text search (PostgreSQL `french` configuration, on both engines) over subject, report and
 * decision lines, best matches first; an empty query lists the whole register, newest first.
 */
export function searchRegister(db: Queryable, organisationId: number, text: string, limit: number): Promise<RegisterEntry[]> {
  if (text.trim() === '') {
    return db.query<RegisterEntry>(
      `SELECT ${REGISTER_COLUMNS}, NULL AS excerpt ${REGISTER_FROM} WHERE i.organisation_id = $1 ORDER BY s.date DESC, i.rank LIMIT $2`,
      [organisationId, limit],
    );
  }
  return db.query<RegisterEntry>(
    `WITH q AS (SELECT websearch_to_tsquery('french', ${fold('$2')}) AS query)
     SELECT ${REGISTER_COLUMNS},
       ts_headline('french', ${ITEM_TEXT}, q.query, 'StartSel=«, StopSel=», MaxWords=30, MinWords=10, MaxFragments=1') AS excerpt
     ${REGISTER_FROM}, q
     WHERE i.organisation_id = $1 AND to_tsvector('french', ${fold(ITEM_TEXT)}) @@ q.query
     ORDER BY ts_rank(to_tsvector('french', ${fold(ITEM_TEXT)}), q.query) DESC, s.date DESC, i.rank
     LIMIT $3`,
    [organisationId, text, limit],
  );
}

/** Sessions holding decisions that are no longer drafts, optionally in one year: the SCDL export's scope. */
export async function listSessionIdsWithDecisions(db: Queryable, organisationId: number, year: number | null): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `SELECT s.id FROM deliberation_sessions s
     WHERE s.organisation_id = $1 AND ($2::int IS NULL OR extract(year FROM s.date) = $2)
       AND EXISTS (SELECT 1 FROM deliberation_items i WHERE i.organisation_id = s.organisation_id AND i.session_id = s.id AND i.status <> 'draft')
     ORDER BY s.date, s.id`,
    [organisationId, year],
  );
  return rows.map((r) => r.id);
}

export async function findIdsByExternalId(db: Queryable, table: 'deliberation_instances' | 'deliberation_members', organisationId: number): Promise<Map<string, number>> {
  const rows = await db.query<{ id: number; externalId: string }>(
    `SELECT id, external_id AS "externalId" FROM ${table} WHERE organisation_id = $1 AND external_id IS NOT NULL`,
    [organisationId],
  );
  return new Map(rows.map((r) => [r.externalId, r.id]));
}
