import type { Queryable } from '../../db/database.js';

export async function organisationName(db: Queryable, organisationId: number): Promise<string> {
  const [row] = await db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [organisationId]);
  return row?.name ?? '';
}

/** Names of communes (shared reference data), in the order asked. */
export async function communeNames(db: Queryable, insees: readonly string[]): Promise<{ insee: string; name: string }[]> {
  const rows = await db.query<{ insee: string; name: string }>('SELECT insee_code AS insee, name FROM communes WHERE insee_code = ANY($1::text[])', [[...insees]]);
  const names = new Map(rows.map((row) => [row.insee, row.name]));
  return insees.map((insee) => ({ insee, name: names.get(insee) ?? insee }));
}
