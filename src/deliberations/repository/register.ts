/** SQL only: the register as a whole — search, decisions linked to an object, the SCDL scope, file ids. */
import type { Queryable } from '../../db/database.js';
import type { RegisterEntry } from '../schemas.js';

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
