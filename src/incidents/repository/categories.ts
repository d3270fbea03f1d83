import type { Queryable } from '../../db/database.js';
import type { CategoryVersion } from '../domain/nomenclature.js';

/** SQL only, one statement per function — the landlord's nomenclature, versioned. */

const CATEGORY_COLUMNS = `code, version, family, label_fr AS "labelFr", label_en AS "labelEn",
  default_severity AS "defaultSeverity", active`;

/** Gives an organisation the default nomenclature unless it already has one; true when it did. */
export async function seedCategories(db: Queryable, organisationId: number, categories: CategoryVersion[]): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO incident_categories (organisation_id, code, version, family, label_fr, label_en, default_severity, active)
     SELECT $1, c.code, c.version, c.family, c."labelFr", c."labelEn", c."defaultSeverity", c.active
     FROM jsonb_to_recordset($2::jsonb) AS c(code text, version int, family text, "labelFr" text, "labelEn" text, "defaultSeverity" text, active boolean)
     WHERE NOT EXISTS (SELECT 1 FROM incident_categories WHERE organisation_id = $1)
     ON CONFLICT DO NOTHING
     RETURNING code`,
    [organisationId, JSON.stringify(categories)],
  );
  return rows.length > 0;
}

export async function insertCategoryVersion(db: Queryable, organisationId: number, category: CategoryVersion, createdBy: number | null): Promise<void> {
  await db.query(
    `INSERT INTO incident_categories (organisation_id, code, version, family, label_fr, label_en, default_severity, active, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [organisationId, category.code, category.version, category.family, category.labelFr, category.labelEn, category.defaultSeverity, category.active, createdBy],
  );
}

/** The latest version of every category (of one code when `code` is given). */
export async function listCurrentCategories(db: Queryable, organisationId: number, code: string | null = null): Promise<CategoryVersion[]> {
  return db.query<CategoryVersion>(
    `SELECT DISTINCT ON (code) ${CATEGORY_COLUMNS} FROM incident_categories
     WHERE organisation_id = $1 AND ($2::text IS NULL OR code = $2)
     ORDER BY code, version DESC`,
    [organisationId, code],
  );
}
