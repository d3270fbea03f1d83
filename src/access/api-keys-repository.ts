import { queryOne, type Queryable } from '../db/database.js';

/** SQL only: partner API keys (migration 0530), their communes, and the look-up by hash. */

export interface ApiKeyRow {
  id: number;
  label: string;
  communes: string[];
  createdAt: Date;
  createdByLabel: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const KEY_COLUMNS = `k.id, k.label, k.created_at AS "createdAt", k.created_by_label AS "createdByLabel",
  k.revoked_at AS "revokedAt", k.last_used_at AS "lastUsedAt",
  coalesce((SELECT array_agg(c.commune_insee ORDER BY c.commune_insee) FROM partner_api_key_communes c
    WHERE c.organisation_id = k.organisation_id AND c.key_id = k.id), '{}') AS communes`;

export interface NewApiKey {
  keyHash: string;
  label: string;
  communes: readonly string[];
  createdBy: number | null;
  createdByLabel: string;
}

export async function insertApiKey(db: Queryable, organisationId: number, key: NewApiKey): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO partner_api_keys (organisation_id, key_hash, label, created_by, created_by_label) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [organisationId, key.keyHash, key.label, key.createdBy, key.createdByLabel],
  );
  await db.query(
    'INSERT INTO partner_api_key_communes (organisation_id, key_id, commune_insee) SELECT $1, $2, unnest($3::text[])',
    [organisationId, row!.id, key.communes],
  );
  return row!.id;
}

export function listApiKeys(db: Queryable, organisationId: number): Promise<ApiKeyRow[]> {
  return db.query<ApiKeyRow>(`SELECT ${KEY_COLUMNS} FROM partner_api_keys k WHERE k.organisation_id = $1 ORDER BY k.id`, [organisationId]);
}

export function findApiKey(db: Queryable, organisationId: number, id: number): Promise<ApiKeyRow | undefined> {
  return queryOne<ApiKeyRow>(db, `SELECT ${KEY_COLUMNS} FROM partner_api_keys k WHERE k.organisation_id = $1 AND k.id = $2`, [organisationId, id]);
}

export async function revokeApiKey(db: Queryable, organisationId: number, id: number): Promise<void> {
  await db.query('UPDATE partner_api_keys SET revoked_at = now() WHERE organisation_id = $1 AND id = $2 AND revoked_at IS NULL', [organisationId, id]);
}

/** Which organisation and key a hash belongs to (the look-up made before the tenant is known). */
export function apiKeyOwner(db: Queryable, keyHash: string) {
  return queryOne<{ organisationId: number; keyId: number }>(
    db, 'SELECT organisation_id AS "organisationId", key_id AS "keyId" FROM vigie_api_key_by_hash($1)', [keyHash]);
}

/** Records the use, once a minute at most: a read should not cost a write each time. */
export async function touchApiKey(db: Queryable, organisationId: number, id: number): Promise<void> {
  await db.query(
    `UPDATE partner_api_keys SET last_used_at = now()
     WHERE organisation_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [organisationId, id],
  );
}
