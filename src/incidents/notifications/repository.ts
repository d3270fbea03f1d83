import { queryOne, type Queryable } from '../../db/database.js';

/** SQL only: who recorded an incident (when their account can receive email) and its category's labels. */
export function recipientOf(db: Queryable, organisationId: number, incidentId: number) {
  return queryOne<{ userId: number; email: string | null; categoryLabelFr: string; categoryLabelEn: string }>(
    db,
    `SELECT i.recorded_by AS "userId", u.email, c.label_fr AS "categoryLabelFr", c.label_en AS "categoryLabelEn"
     FROM incidents i
     JOIN incident_categories c ON c.organisation_id = i.organisation_id AND c.code = i.category_code AND c.version = i.category_version
     LEFT JOIN users u ON u.organisation_id = i.organisation_id AND u.id = i.recorded_by AND NOT u.disabled
     WHERE i.organisation_id = $1 AND i.id = $2 AND i.recorded_by IS NOT NULL`,
    [organisationId, incidentId],
  );
}
