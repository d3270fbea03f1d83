import type { Perimeter } from '../access/domain/perimeter.js';
import type { Queryable } from '../db/database.js';
import { parameters, residencesWithin } from '../patrimony/perimeter.js';
import type { DpeClass } from './dpe/domain/labels.js';
import type { MatchedBy } from './dpe/domain/matching.js';
import type { DpeRecord } from './dpe/domain/record.js';

/** SQL only: DPE records, the dwellings they belong to, planned operations. */

export async function findOrganisations(db: Queryable, siren: string | null): Promise<{ id: number; siren: string }[]> {
  return db.query<{ id: number; siren: string }>(
    'SELECT id, siren FROM organisations WHERE $1::text IS NULL OR siren = $1 ORDER BY id LIMIT 2',
    [siren],
  );
}

export async function dwellingIdsByRpls(db: Queryable, organisationId: number, rplsIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ rplsId: string; id: number }>(
    'SELECT rpls_id AS "rplsId", id FROM dwellings WHERE organisation_id = $1 AND rpls_id = ANY($2::text[])',
    [organisationId, [...rplsIds]],
  );
  return new Map(rows.map((row) => [row.rplsId, row.id]));
}

/** A DPE placed on a dwelling, or on a building (a building DPE): exactly one of the two ids. */
export type MatchedDpe = DpeRecord & { dwellingId: number | null; buildingId: number | null; matchedBy: MatchedBy };

const RECORD_COLUMNS: [column: string, type: string, value: (record: MatchedDpe) => unknown][] = [
  ['numero_dpe', 'text', (r) => r.numeroDpe],
  ['dwelling_id', 'integer', (r) => r.dwellingId],
  ['building_id', 'integer', (r) => r.buildingId],
  ['issued_on', 'date', (r) => r.issuedOn],
  ['valid_until', 'date', (r) => r.validUntil],
  ['source_valid_until', 'date', (r) => r.sourceValidUntil],
  ['replaces_numero_dpe', 'text', (r) => r.replaces],
  ['method', 'text', (r) => r.method],
  ['application', 'text', (r) => r.application],
  ['primary_energy', 'numeric', (r) => r.primaryEnergy],
  ['final_energy', 'numeric', (r) => r.finalEnergy],
  ['ghg_emissions', 'numeric', (r) => r.ghgEmissions],
  ['electricity_factor', 'numeric', (r) => r.electricityFactor],
  ['reference_surface', 'numeric', (r) => r.referenceSurface],
  ['altitude_above_800m', 'boolean', (r) => r.altitudeAbove800m],
  ['climate_zone', 'text', (r) => r.climateZone],
  ['source_energy_class', 'text', (r) => r.sourceEnergyClass],
  ['source_ghg_class', 'text', (r) => r.sourceGhgClass],
  ['energy_class', 'text', (r) => r.energyClass],
  ['ghg_class', 'text', (r) => r.ghgClass],
  ['label', 'text', (r) => r.label],
  ['rpls_id', 'text', (r) => r.rplsId],
  ['ban_id', 'text', (r) => r.banId],
  ['matched_by', 'text', (r) => r.matchedBy],
];

const COLUMN_LIST = RECORD_COLUMNS.map(([column]) => column).join(', ');
const UPSERT_SQL = `
  INSERT INTO dpe_records (organisation_id, ${COLUMN_LIST})
  SELECT $1, ${COLUMN_LIST} FROM jsonb_to_recordset($2::jsonb) AS r(${RECORD_COLUMNS.map(([column, type]) => `${column} ${type}`).join(', ')})
  ON CONFLICT (organisation_id, numero_dpe) DO UPDATE SET
    ${RECORD_COLUMNS.slice(1).map(([column]) => `${column} = EXCLUDED.${column}`).join(', ')}, imported_at = now()
  RETURNING (xmax = 0) AS inserted`;

/** Inserts or updates (by numero_dpe) one batch of records; returns how many were new. */
export async function upsertDpeRecords(db: Queryable, organisationId: number, records: readonly MatchedDpe[]): Promise<number> {
  if (records.length === 0) return 0;
  const json = JSON.stringify(records.map((record) => Object.fromEntries(RECORD_COLUMNS.map(([column, , value]) => [column, value(record)]))));
  const rows = await db.query<{ inserted: boolean }>(UPSERT_SQL, [organisationId, json]);
  return rows.filter((row) => row.inserted).length;
}

export interface DwellingPlace {
  dwellingId: number;
  buildingId: number;
  communeInsee: string;
  /** The class, GHG class and date entered in the patrimony file, if any. */
  patrimonyEnergyClass: DpeClass | null;
  patrimonyGhgClass: DpeClass | null;
  patrimonyDpeDate: string | null;
}

/** The dwellings of the residences inside `perimeter`, or of one residence. */
export async function listDwellingPlaces(db: Queryable, organisationId: number, where: { perimeter: Perimeter } | { residenceId: number }): Promise<DwellingPlace[]> {
  const { values, bind } = parameters([organisationId]);
  const filter = 'perimeter' in where ? residencesWithin(where.perimeter, bind) : `r.id = ${bind(where.residenceId)}`;
  return db.query<DwellingPlace>(
    `SELECT d.id AS "dwellingId", d.building_id AS "buildingId", b.commune_insee AS "communeInsee", d.dpe_energy_class AS "patrimonyEnergyClass",
       d.dpe_ghg_class AS "patrimonyGhgClass", d.dpe_date AS "patrimonyDpeDate"
     FROM dwellings d JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
     JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
     WHERE d.organisation_id = $1 AND ${filter}
     ORDER BY d.id`,
    values,
  );
}

export interface StoredDpe {
  dwellingId: number | null;
  buildingId: number | null;
  numeroDpe: string;
  issuedOn: string;
  validUntil: string;
  replaces: string | null;
  label: DpeClass | null;
  primaryEnergy: number | null;
  finalEnergy: number | null;
}

const STORED_DPE = `dwelling_id AS "dwellingId", building_id AS "buildingId", numero_dpe AS "numeroDpe", issued_on AS "issuedOn",
  valid_until AS "validUntil", replaces_numero_dpe AS replaces, label, primary_energy AS "primaryEnergy", final_energy AS "finalEnergy"`;

/** The organisation's DPEs, of dwellings and of buildings. */
export async function listDpeRecords(db: Queryable, organisationId: number): Promise<StoredDpe[]> {
  return db.query<StoredDpe>(`SELECT ${STORED_DPE} FROM dpe_records WHERE organisation_id = $1 ORDER BY issued_on, numero_dpe`, [organisationId]);
}

/** The DPEs of one residence's dwellings and buildings, and those naming one of them as replaced. */
export async function listResidenceDpeRecords(db: Queryable, organisationId: number, residenceId: number): Promise<{ records: StoredDpe[]; replacing: StoredDpe[] }> {
  const records = await db.query<StoredDpe>(
    `SELECT ${STORED_DPE} FROM dpe_records p
     WHERE p.organisation_id = $1 AND (
       p.building_id IN (SELECT b.id FROM buildings b WHERE b.organisation_id = $1 AND b.residence_id = $2)
       OR p.dwelling_id IN (SELECT d.id FROM dwellings d JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
                            WHERE d.organisation_id = $1 AND b.residence_id = $2))
     ORDER BY issued_on, numero_dpe`,
    [organisationId, residenceId],
  );
  const replacing = records.length === 0 ? [] : await db.query<StoredDpe>(
    `SELECT ${STORED_DPE} FROM dpe_records WHERE organisation_id = $1 AND replaces_numero_dpe = ANY($2::text[])`,
    [organisationId, records.map((record) => record.numeroDpe)],
  );
  return { records, replacing };
}

export interface StoredOperation {
  id: number;
  endDate: string;
  targetLabel: DpeClass;
  dwellingIds: number[];
}

/** Operations with a target label: those that can change a dwelling's class. */
export async function listPlannedOperations(db: Queryable, organisationId: number): Promise<StoredOperation[]> {
  return db.query<StoredOperation>(
    `SELECT o.id, o.end_date AS "endDate", o.target_label AS "targetLabel",
       COALESCE((SELECT json_agg(od.dwelling_id ORDER BY od.dwelling_id) FROM renovation_operation_dwellings od
                 WHERE od.organisation_id = o.organisation_id AND od.operation_id = o.id), '[]'::json) AS "dwellingIds"
     FROM renovation_operations o WHERE o.organisation_id = $1 AND o.target_label IS NOT NULL ORDER BY o.id`,
    [organisationId],
  );
}

/** Remembers the BAN identifiers of DPEs matched by RPLS number as addresses of their dwelling's building. */
export async function learnBanIds(db: Queryable, organisationId: number, pairs: readonly { banId: string; dwellingId: number }[]): Promise<void> {
  if (pairs.length === 0) return;
  await db.query(
    `INSERT INTO building_ban_addresses (organisation_id, ban_id, building_id)
     SELECT DISTINCT ON (p.ban_id) $1, p.ban_id, d.building_id
     FROM jsonb_to_recordset($2::jsonb) AS p(ban_id text, dwelling_id integer)
     JOIN dwellings d ON d.organisation_id = $1 AND d.id = p.dwelling_id
     ORDER BY p.ban_id, d.building_id
     ON CONFLICT (organisation_id, ban_id) DO NOTHING`,
    [organisationId, JSON.stringify(pairs.map((pair) => ({ ban_id: pair.banId, dwelling_id: pair.dwellingId })))],
  );
}

/** The buildings at each of these BAN identifiers: given in the patrimony file, or learnt from DPEs. */
export async function buildingsByBanId(db: Queryable, organisationId: number, banIds: readonly string[]): Promise<Map<string, number[]>> {
  const rows = await db.query<{ banId: string; buildingIds: number[] }>(
    `SELECT ban_id AS "banId", array_agg(DISTINCT building_id ORDER BY building_id) AS "buildingIds" FROM (
       SELECT ban_id, building_id FROM building_ban_addresses WHERE organisation_id = $1 AND ban_id = ANY($2::text[])
       UNION SELECT ban_id, id FROM buildings WHERE organisation_id = $1 AND ban_id = ANY($2::text[])) AS known
     GROUP BY ban_id`,
    [organisationId, [...banIds]],
  );
  return new Map(rows.map((row) => [row.banId, row.buildingIds]));
}

export interface BuildingAddress {
  buildingId: number;
  communeInsee: string;
  streetNumber: string | null;
  street: string | null;
  dwellingIds: number[];
}

/** The buildings of these communes with their address (type and name of the street together) and dwellings. */
export async function buildingAddresses(db: Queryable, organisationId: number, communes: readonly string[]): Promise<BuildingAddress[]> {
  return db.query<BuildingAddress>(
    `SELECT b.id AS "buildingId", b.commune_insee AS "communeInsee", b.street_number AS "streetNumber",
       nullif(concat_ws(' ', b.street_type, b.street_name), '') AS street,
       coalesce((SELECT array_agg(d.id ORDER BY d.id) FROM dwellings d WHERE d.organisation_id = b.organisation_id AND d.building_id = b.id), '{}') AS "dwellingIds"
     FROM buildings b WHERE b.organisation_id = $1 AND b.commune_insee = ANY($2::text[])`,
    [organisationId, [...communes]],
  );
}

/** The dwellings of these buildings. */
export async function dwellingsOfBuildings(db: Queryable, organisationId: number, buildingIds: readonly number[]): Promise<Map<number, number[]>> {
  const rows = await db.query<{ buildingId: number; dwellingIds: number[] }>(
    `SELECT building_id AS "buildingId", array_agg(id ORDER BY id) AS "dwellingIds" FROM dwellings
     WHERE organisation_id = $1 AND building_id = ANY($2::integer[]) GROUP BY building_id`,
    [organisationId, [...buildingIds]],
  );
  return new Map(rows.map((row) => [row.buildingId, row.dwellingIds]));
}
