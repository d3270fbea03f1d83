/** SQL only: what a decision decided (a convention, an operation…). */
import type { Queryable } from '../../db/database.js';
import type { Link, LinkInput } from '../schemas.js';

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
