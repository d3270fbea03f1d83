/** SQL only: members with their instances and mandates. */
import { queryOne, type Queryable } from '../../db/database.js';
import type { Member, MemberInput } from '../schemas.js';

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
