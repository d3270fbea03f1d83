import type { Perimeter } from '../../access/domain/perimeter.js';
import type { Queryable } from '../../db/database.js';
import { parameters, type Bind } from '../../patrimony/perimeter.js';
import type { DpeClass } from '../dpe/domain/labels.js';
import type { Convention } from './domain/envelopes.js';
import type { PhaseDates } from './domain/operation.js';
import type { FundingSource, FundingStatus, OperationKind, Phase, Plan } from './domain/vocabulary.js';

/** SQL only: operations, their dwellings and phases, conventions, financing lines. */

export interface OperationRow {
  id: number;
  externalId: string;
  name: string;
  kind: OperationKind;
  plan: Plan;
  programmeYear: number | null;
  directorateId: number | null;
  directorateName: string | null;
  endDate: string;
  plannedCents: number;
  committedCents: number;
  paidCents: number;
  labelBefore: DpeClass | null;
  targetLabel: DpeClass | null;
  labelAfter: DpeClass | null;
  energyBefore: number | null;
  energyTarget: number | null;
  energyAfter: number | null;
  ghgBefore: number | null;
  dwellings: number;
}

export type OperationWrite = Omit<OperationRow, 'id' | 'directorateName' | 'dwellings'>;

const COLUMNS: [column: string, type: string, key: keyof OperationWrite][] = [
  ['external_id', 'text', 'externalId'],
  ['name', 'text', 'name'],
  ['kind', 'text', 'kind'],
  ['plan', 'text', 'plan'],
  ['programme_year', 'integer', 'programmeYear'],
  ['directorate_id', 'integer', 'directorateId'],
  ['end_date', 'date', 'endDate'],
  ['planned_cost_cents', 'bigint', 'plannedCents'],
  ['committed_cost_cents', 'bigint', 'committedCents'],
  ['paid_cost_cents', 'bigint', 'paidCents'],
  ['label_before', 'text', 'labelBefore'],
  ['target_label', 'text', 'targetLabel'],
  ['label_after', 'text', 'labelAfter'],
  ['energy_before', 'numeric', 'energyBefore'],
  ['energy_target', 'numeric', 'energyTarget'],
  ['energy_after', 'numeric', 'energyAfter'],
  ['ghg_before', 'numeric', 'ghgBefore'],
];
const COLUMN_LIST = COLUMNS.map(([column]) => column).join(', ');
const RECORD_TYPE = COLUMNS.map(([column, type]) => `${column} ${type}`).join(', ');
const toJson = (operation: OperationWrite) => Object.fromEntries(COLUMNS.map(([column, , key]) => [column, operation[key]]));

const SELECT_OPERATION = `
  SELECT o.id, o.external_id AS "externalId", o.name, o.kind, o.plan, o.programme_year AS "programmeYear",
    o.directorate_id AS "directorateId", d.name AS "directorateName", o.end_date AS "endDate",
    o.planned_cost_cents AS "plannedCents", o.committed_cost_cents AS "committedCents", o.paid_cost_cents AS "paidCents",
    o.label_before AS "labelBefore", o.target_label AS "targetLabel", o.label_after AS "labelAfter",
    o.energy_before AS "energyBefore", o.energy_target AS "energyTarget", o.energy_after AS "energyAfter", o.ghg_before AS "ghgBefore",
    (SELECT count(*) FROM renovation_operation_dwellings od WHERE od.organisation_id = o.organisation_id AND od.operation_id = o.id)::integer AS dwellings
  FROM renovation_operations o
  LEFT JOIN directorates d ON d.organisation_id = o.organisation_id AND d.id = o.directorate_id`;

/** Inserts operations, or updates them by external id; returns their ids in input order. */
export async function upsertOperations(db: Queryable, organisationId: number, operations: readonly OperationWrite[]): Promise<number[]> {
  if (operations.length === 0) return [];
  const rows = await db.query<{ id: number; externalId: string }>(
    `INSERT INTO renovation_operations (organisation_id, ${COLUMN_LIST})
     SELECT $1, ${COLUMN_LIST} FROM jsonb_to_recordset($2::jsonb) AS r(${RECORD_TYPE})
     ON CONFLICT (organisation_id, external_id) DO UPDATE SET
       ${COLUMNS.slice(1).map(([column]) => `${column} = EXCLUDED.${column}`).join(', ')}
     RETURNING id, external_id AS "externalId"`,
    [organisationId, JSON.stringify(operations.map(toJson))],
  );
  const idOf = new Map(rows.map((row) => [row.externalId, row.id]));
  return operations.map((operation) => idOf.get(operation.externalId)!);
}

export async function updateOperation(db: Queryable, organisationId: number, id: number, operation: OperationWrite): Promise<void> {
  await db.query(
    `UPDATE renovation_operations o SET ${COLUMNS.map(([column]) => `${column} = r.${column}`).join(', ')}
     FROM jsonb_to_record($3::jsonb) AS r(${RECORD_TYPE})
     WHERE o.organisation_id = $1 AND o.id = $2`,
    [organisationId, id, JSON.stringify(toJson(operation))],
  );
}

export async function deleteOperation(db: Queryable, organisationId: number, id: number): Promise<boolean> {
  const rows = await db.query('DELETE FROM renovation_operations WHERE organisation_id = $1 AND id = $2 RETURNING id', [organisationId, id]);
  return rows.length > 0;
}

export async function externalIdTaken(db: Queryable, organisationId: number, externalId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM renovation_operations WHERE organisation_id = $1 AND external_id = $2', [organisationId, externalId]);
  return rows.length > 0;
}

export interface OperationFilter {
  kind?: OperationKind;
  plan?: Plan;
  year?: number;
  directorateId?: number;
}

/** The agency, directorate and commune of each dwelling of each operation (as `resolveTarget` places one dwelling). */
const OPERATION_PLACES = `SELECT od.operation_id, r.agency_id, a.directorate_id, b.commune_insee
  FROM renovation_operation_dwellings od
  JOIN dwellings d ON d.organisation_id = od.organisation_id AND d.id = od.dwelling_id
  JOIN buildings b ON b.organisation_id = d.organisation_id AND b.id = d.building_id
  JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
  JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
  WHERE od.organisation_id = o.organisation_id AND od.operation_id = o.id`;

/**
 * The SQL condition keeping operations (alias `o`) whose dwellings all lie in the perimeter's
 * agencies, or all in its directorates, or all in its communes — `perimeterCovers` applied to
 * each operation, so a list shows exactly the operations the caller may open.
 */
export function operationsWithin(perimeter: Perimeter, bind: Bind): string {
  if (perimeter.wholeOrganisation) return 'true';
  const allIn = (column: string, values: readonly unknown[], type: string) =>
    `(EXISTS (${OPERATION_PLACES}) AND NOT EXISTS (${OPERATION_PLACES} AND NOT (${column} = ANY(${bind(values)}::${type}[]))))`;
  const parts = [
    ...(perimeter.agencyIds.length > 0 ? [allIn('r.agency_id', perimeter.agencyIds, 'int')] : []),
    ...(perimeter.directorateIds.length > 0 ? [allIn('a.directorate_id', perimeter.directorateIds, 'int')] : []),
    ...(perimeter.communes.length > 0 ? [allIn('b.commune_insee', perimeter.communes, 'text')] : []),
  ];
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}

function filterSql(organisationId: number, perimeter: Perimeter, filter: OperationFilter) {
  const { values, bind } = parameters([organisationId, filter.kind ?? null, filter.plan ?? null, filter.year ?? null, filter.directorateId ?? null]);
  const where = `WHERE o.organisation_id = $1 AND ($2::text IS NULL OR o.kind = $2) AND ($3::text IS NULL OR o.plan = $3)
    AND ($4::integer IS NULL OR o.programme_year = $4) AND ($5::integer IS NULL OR o.directorate_id = $5) AND ${operationsWithin(perimeter, bind)}`;
  return { where, values, bind };
}

/** One page of the operations inside the perimeter; `limit` null = all of them. */
export async function listOperations(db: Queryable, organisationId: number, perimeter: Perimeter, filter: OperationFilter, limit: number | null, offset: number): Promise<OperationRow[]> {
  const { where, values, bind } = filterSql(organisationId, perimeter, filter);
  return db.query<OperationRow>(`${SELECT_OPERATION} ${where} ORDER BY o.programme_year NULLS LAST, o.external_id LIMIT ${bind(limit)} OFFSET ${bind(offset)}`, values);
}

export async function countOperations(db: Queryable, organisationId: number, perimeter: Perimeter, filter: OperationFilter): Promise<number> {
  const { where, values } = filterSql(organisationId, perimeter, filter);
  const [row] = await db.query<{ count: number }>(`SELECT count(*)::integer AS count FROM renovation_operations o ${where}`, values);
  return row!.count;
}

export async function findOperation(db: Queryable, organisationId: number, id: number): Promise<OperationRow | undefined> {
  const [row] = await db.query<OperationRow>(`${SELECT_OPERATION} WHERE o.organisation_id = $1 AND o.id = $2`, [organisationId, id]);
  return row;
}

/** Of these dwelling ids, those of the organisation, each with its directorate. */
export async function dwellingDirectorates(db: Queryable, organisationId: number, dwellingIds: readonly number[]): Promise<{ dwellingId: number; directorateId: number }[]> {
  return db.query(
    `SELECT dw.id AS "dwellingId", a.directorate_id AS "directorateId"
     FROM dwellings dw
     JOIN buildings b ON b.organisation_id = dw.organisation_id AND b.id = dw.building_id
     JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
     JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
     WHERE dw.organisation_id = $1 AND dw.id = ANY($2::integer[])`,
    [organisationId, [...dwellingIds]],
  );
}

/** The agencies, directorates and communes a set of dwellings of the organisation spans (the target of a write). */
export async function dwellingSetPlaces(db: Queryable, organisationId: number, dwellingIds: readonly number[]) {
  const [row] = await db.query<{ agencyIds: number[]; directorateIds: number[]; communes: string[] }>(
    `SELECT coalesce(array_agg(DISTINCT r.agency_id), '{}') AS "agencyIds", coalesce(array_agg(DISTINCT a.directorate_id), '{}') AS "directorateIds",
       coalesce(array_agg(DISTINCT b.commune_insee), '{}') AS communes
     FROM dwellings dw
     JOIN buildings b ON b.organisation_id = dw.organisation_id AND b.id = dw.building_id
     JOIN residences r ON r.organisation_id = b.organisation_id AND r.id = b.residence_id
     JOIN agencies a ON a.organisation_id = r.organisation_id AND a.id = r.agency_id
     WHERE dw.organisation_id = $1 AND dw.id = ANY($2::integer[])`,
    [organisationId, [...dwellingIds]],
  );
  return { organisationId, wholeOrganisation: false, ...row! };
}

export async function replaceOperationDwellings(db: Queryable, organisationId: number, links: readonly { operationId: number; dwellingId: number }[]): Promise<void> {
  const operationIds = [...new Set(links.map((link) => link.operationId))];
  await db.query('DELETE FROM renovation_operation_dwellings WHERE organisation_id = $1 AND operation_id = ANY($2::integer[])', [organisationId, operationIds]);
  await db.query(
    `INSERT INTO renovation_operation_dwellings (organisation_id, operation_id, dwelling_id)
     SELECT $1, operation_id, dwelling_id FROM jsonb_to_recordset($2::jsonb) AS r(operation_id integer, dwelling_id integer)`,
    [organisationId, JSON.stringify(links.map((link) => ({ operation_id: link.operationId, dwelling_id: link.dwellingId })))],
  );
}

export async function listOperationDwellingIds(db: Queryable, organisationId: number, operationId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    'SELECT dwelling_id AS id FROM renovation_operation_dwellings WHERE organisation_id = $1 AND operation_id = $2 ORDER BY dwelling_id', [organisationId, operationId]);
  return rows.map((row) => row.id);
}

export type PhaseRow = PhaseDates & { operationId: number };

export async function upsertPhases(db: Queryable, organisationId: number, phases: readonly PhaseRow[]): Promise<void> {
  if (phases.length === 0) return;
  await db.query(
    `INSERT INTO renovation_operation_phases (organisation_id, operation_id, phase, planned_start, planned_end, actual_start, actual_end)
     SELECT $1, operation_id, phase, planned_start, planned_end, actual_start, actual_end
     FROM jsonb_to_recordset($2::jsonb) AS r(operation_id integer, phase text, planned_start date, planned_end date, actual_start date, actual_end date)
     ON CONFLICT (organisation_id, operation_id, phase) DO UPDATE SET planned_start = EXCLUDED.planned_start,
       planned_end = EXCLUDED.planned_end, actual_start = EXCLUDED.actual_start, actual_end = EXCLUDED.actual_end`,
    [organisationId, JSON.stringify(phases.map((p) => ({
      operation_id: p.operationId, phase: p.phase, planned_start: p.plannedStart, planned_end: p.plannedEnd, actual_start: p.actualStart, actual_end: p.actualEnd,
    })))],
  );
}

export async function listPhases(db: Queryable, organisationId: number, operationIds: readonly number[] | null): Promise<PhaseRow[]> {
  return db.query<PhaseRow>(
    `SELECT operation_id AS "operationId", phase, planned_start AS "plannedStart", planned_end AS "plannedEnd",
       actual_start AS "actualStart", actual_end AS "actualEnd"
     FROM renovation_operation_phases WHERE organisation_id = $1 AND ($2::integer[] IS NULL OR operation_id = ANY($2::integer[]))
     ORDER BY operation_id`,
    [organisationId, operationIds ? [...operationIds] : null],
  );
}

export interface ConventionRow extends Convention {
  externalId: string;
  signedOn: string | null;
}

const SELECT_CONVENTION = `SELECT id, external_id AS "externalId", kind, framework_id AS "frameworkId", name, first_year AS "firstYear",
  last_year AS "lastYear", investment_cents AS "investmentCents", operating_cents AS "operatingCents", signed_on AS "signedOn"
  FROM funding_conventions WHERE organisation_id = $1`;

/** Every convention of the organisation; `lock` holds them until the transaction ends (envelope checks). */
export async function listConventions(db: Queryable, organisationId: number, lock = false): Promise<ConventionRow[]> {
  return db.query<ConventionRow>(`${SELECT_CONVENTION} ORDER BY kind DESC, first_year, id${lock ? ' FOR UPDATE' : ''}`, [organisationId]);
}

export async function upsertConvention(db: Queryable, organisationId: number, convention: Omit<ConventionRow, 'id'>): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO funding_conventions (organisation_id, external_id, kind, framework_id, name, first_year, last_year, investment_cents, operating_cents, signed_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (organisation_id, external_id) DO UPDATE SET kind = EXCLUDED.kind, framework_id = EXCLUDED.framework_id, name = EXCLUDED.name,
       first_year = EXCLUDED.first_year, last_year = EXCLUDED.last_year, investment_cents = EXCLUDED.investment_cents,
       operating_cents = EXCLUDED.operating_cents, signed_on = EXCLUDED.signed_on
     RETURNING id`,
    [organisationId, convention.externalId, convention.kind, convention.frameworkId, convention.name, convention.firstYear, convention.lastYear,
      convention.investmentCents, convention.operatingCents, convention.signedOn],
  );
  return row!.id;
}

export interface FinancingLineRow {
  id: number;
  operationId: number;
  source: FundingSource;
  amountCents: number;
  status: FundingStatus;
  conventionId: number | null;
  note: string | null;
}

export type FinancingLineWrite = Omit<FinancingLineRow, 'id'>;

const SELECT_LINE = `SELECT id, operation_id AS "operationId", source, amount_cents AS "amountCents", status, convention_id AS "conventionId", note
  FROM financing_lines WHERE organisation_id = $1`;

export async function listFinancingLines(db: Queryable, organisationId: number, operationIds: readonly number[] | null): Promise<FinancingLineRow[]> {
  return db.query<FinancingLineRow>(`${SELECT_LINE} AND ($2::integer[] IS NULL OR operation_id = ANY($2::integer[])) ORDER BY operation_id, id`,
    [organisationId, operationIds ? [...operationIds] : null]);
}

export async function findFinancingLine(db: Queryable, organisationId: number, id: number): Promise<FinancingLineRow | undefined> {
  const [row] = await db.query<FinancingLineRow>(`${SELECT_LINE} AND id = $2`, [organisationId, id]);
  return row;
}

export async function insertFinancingLines(db: Queryable, organisationId: number, lines: readonly FinancingLineWrite[]): Promise<number[]> {
  if (lines.length === 0) return [];
  const rows = await db.query<{ id: number }>(
    `INSERT INTO financing_lines (organisation_id, operation_id, source, amount_cents, status, convention_id, note)
     SELECT $1, operation_id, source, amount_cents, status, convention_id, note
     FROM jsonb_to_recordset($2::jsonb) AS r(operation_id integer, source text, amount_cents bigint, status text, convention_id integer, note text)
     RETURNING id`,
    [organisationId, JSON.stringify(lines.map((line) => ({
      operation_id: line.operationId, source: line.source, amount_cents: line.amountCents, status: line.status, convention_id: line.conventionId, note: line.note,
    })))],
  );
  return rows.map((row) => row.id);
}

export async function updateFinancingLine(db: Queryable, organisationId: number, id: number, line: FinancingLineWrite): Promise<void> {
  await db.query(
    `UPDATE financing_lines SET source = $3, amount_cents = $4, status = $5, convention_id = $6, note = $7 WHERE organisation_id = $1 AND id = $2`,
    [organisationId, id, line.source, line.amountCents, line.status, line.conventionId, line.note],
  );
}

export async function deleteFinancingLine(db: Queryable, organisationId: number, id: number): Promise<boolean> {
  return (await db.query('DELETE FROM financing_lines WHERE organisation_id = $1 AND id = $2 RETURNING id', [organisationId, id])).length > 0;
}

export async function deleteFinancingLinesOf(db: Queryable, organisationId: number, operationIds: readonly number[]): Promise<void> {
  await db.query('DELETE FROM financing_lines WHERE organisation_id = $1 AND operation_id = ANY($2::integer[])', [organisationId, [...operationIds]]);
}

export interface StatusChange {
  operationId: number;
  lineId: number;
  source: FundingSource;
  fromStatus: FundingStatus | null;
  toStatus: FundingStatus | null;
  amountCents: number;
  changedAt: Date;
  changedBy: string;
}

export async function insertStatusChanges(db: Queryable, organisationId: number, changes: readonly Omit<StatusChange, 'changedAt'>[]): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `INSERT INTO financing_line_status_changes (organisation_id, operation_id, line_id, source, from_status, to_status, amount_cents, changed_by)
     SELECT $1, operation_id, line_id, source, from_status, to_status, amount_cents, changed_by
     FROM jsonb_to_recordset($2::jsonb) AS r(operation_id integer, line_id integer, source text, from_status text, to_status text, amount_cents bigint, changed_by text)`,
    [organisationId, JSON.stringify(changes.map((change) => ({
      operation_id: change.operationId, line_id: change.lineId, source: change.source, from_status: change.fromStatus,
      to_status: change.toStatus, amount_cents: change.amountCents, changed_by: change.changedBy,
    })))],
  );
}

/** Status changes of these operations (all when null) made up to the day `untilDay` (Paris time) included, oldest first. */
export async function listStatusChanges(db: Queryable, organisationId: number, operationIds: readonly number[] | null, untilDay?: string): Promise<StatusChange[]> {
  return db.query<StatusChange>(
    `SELECT operation_id AS "operationId", line_id AS "lineId", source, from_status AS "fromStatus", to_status AS "toStatus",
       amount_cents AS "amountCents", changed_at AS "changedAt", changed_by AS "changedBy"
     FROM financing_line_status_changes
     WHERE organisation_id = $1 AND ($2::integer[] IS NULL OR operation_id = ANY($2::integer[])) AND ($3::date IS NULL OR (changed_at AT TIME ZONE 'Europe/Paris')::date <= $3::date)
     ORDER BY changed_at, id`,
    [organisationId, operationIds ? [...operationIds] : null, untilDay ?? null],
  );
}

/** Dwelling ids by dwelling code, and the dwelling ids of each building by building code (unknown codes absent). */
export async function dwellingIdsByCodes(db: Queryable, organisationId: number, dwellingCodes: readonly string[], buildingCodes: readonly string[]) {
  const [dwellings, buildings] = await Promise.all([
    db.query<{ code: string; id: number }>('SELECT external_id AS code, id FROM dwellings WHERE organisation_id = $1 AND external_id = ANY($2::text[])', [organisationId, [...dwellingCodes]]),
    db.query<{ code: string; ids: number[] }>(
      `SELECT b.external_id AS code, coalesce(array_agg(d.id ORDER BY d.id) FILTER (WHERE d.id IS NOT NULL), '{}') AS ids
       FROM buildings b LEFT JOIN dwellings d ON d.organisation_id = b.organisation_id AND d.building_id = b.id
       WHERE b.organisation_id = $1 AND b.external_id = ANY($2::text[]) GROUP BY b.external_id`,
      [organisationId, [...buildingCodes]]),
  ]);
  return { byDwelling: new Map(dwellings.map((row) => [row.code, row.id])), byBuilding: new Map(buildings.map((row) => [row.code, row.ids])) };
}

/** Of these external ids, those already used by an operation. */
export async function existingExternalIds(db: Queryable, organisationId: number, externalIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.query<{ code: string }>('SELECT external_id AS code FROM renovation_operations WHERE organisation_id = $1 AND external_id = ANY($2::text[])', [organisationId, [...externalIds]]);
  return new Set(rows.map((row) => row.code));
}
