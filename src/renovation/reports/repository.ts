import type { Queryable } from '../../db/database.js';
import type { LineHistoryEntry } from './domain/history.js';

/** SQL only: the status history of the financing lines of these operations, in the order of the changes. */
export function listLineHistory(db: Queryable, organisationId: number, operationIds: readonly number[]): Promise<LineHistoryEntry[]> {
  return db.query<LineHistoryEntry>(
    `SELECT line_id AS "lineId", operation_id AS "operationId", source, to_status AS "toStatus", amount_cents AS "amountCents",
       to_char(changed_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "changedOn"
     FROM financing_line_status_changes WHERE organisation_id = $1 AND operation_id = ANY($2::integer[])
     ORDER BY changed_at, id`,
    [organisationId, [...operationIds]],
  );
}
