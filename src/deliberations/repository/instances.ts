/** SQL only: board and Bureau with their rules. */
import { queryOne, type Queryable } from '../../db/database.js';
import type { Instance, InstanceInput } from '../schemas.js';

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
