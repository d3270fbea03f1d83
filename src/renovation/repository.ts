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

export type MatchedDpe = DpeRecord & { dwellingId: number; matchedBy: MatchedBy };

const RECORD_COLUMNS: [column: string, type: string, value: (record: MatchedDpe) => unknown][] = [
  ['numero_dpe', 'text', (r) => r.numeroDpe],
  ['dwelling_id', 'integer', (r) => r.dwellingId],
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
  communeInsee: string;
  /** The class, GHG class and date entered in the patrimony file, if any. */
  patrimonyEnergyClass: DpeClass | null;
  patrimonyGhgClass: DpeClass | null;
  patrimonyDpeDate: string | null;
}

/** The dwellings of the residences inside `perimeter`. */
export async function listDwellingPlaces(db: Queryable, organisationId: number, perimeter: Perimeter): Promise<DwellingPlace[]> {
  const { values, bind } = parameters([organisationId]);
  return db.query<DwellingPlace>(
    `SELECT d.id AS "dwellingId", b.commune_insee AS "communeInsee", d.dpe_energy_class AS "patrimonyEnergyClass",
       d.dpe_ghg_class AS "patrimonyGhgClass", d.dpe_date AS "patrimonyDpeDate"
     FROM dwellings d JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
     JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
     WHERE d.organisation_id = $1 AND ${residencesWithin(perimeter, bind)}
     ORDER BY d.id`,
    values,
  );
}

export interface StoredDpe {
  dwellingId: number;
  numeroDpe: string;
  issuedOn: string;
  replaces: string | null;
  label: DpeClass | null;
  primaryEnergy: number | null;
  finalEnergy: number | null;
}

export async function listDpeRecords(db: Queryable, organisationId: number): Promise<StoredDpe[]> {
  return db.query<StoredDpe>(
    `SELECT dwelling_id AS "dwellingId", numero_dpe AS "numeroDpe", issued_on AS "issuedOn", replaces_numero_dpe AS replaces,
       label, primary_energy AS "primaryEnergy", final_energy AS "finalEnergy"
     FROM dpe_records WHERE organisation_id = $1 ORDER BY dwelling_id, issued_on`,
    [organisationId],
  );
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

export async function buildingsByBanId(db: Queryable, organisationId: number, banIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ banId: string; buildingId: number }>(
    'SELECT ban_id AS "banId", building_id AS "buildingId" FROM building_ban_addresses WHERE organisation_id = $1 AND ban_id = ANY($2::text[])',
    [organisationId, [...banIds]],
  );
  return new Map(rows.map((row) => [row.banId, row.buildingId]));
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
