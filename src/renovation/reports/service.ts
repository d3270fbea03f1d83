import { requireAccess } from '../../access/authorize.js';
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import { perimeterOf } from '../programme/service.js';
import { currentPhase, expectedHandover, gainPercent } from '../programme/domain/operation.js';
import { sumCents } from '../programme/domain/money.js';
import { FUNDING_SOURCE_LABELS, FUNDING_STATUS_LABELS, OPERATION_KIND_LABELS, PHASE_LABELS, PLAN_LABELS } from '../programme/domain/vocabulary.js';
import * as programme from '../programme/repository.js';
import { departementAmounts, envelopeConsumption, forecastRows, isFinancedByDepartement, semesterEnd, type ForecastRow } from './domain/reports.js';
import { linesOn, semesterOf, semestersBetween } from './domain/history.js';
import { listLineHistory } from './repository.js';
import { sheet, writeWorkbook, type SheetColumn } from './workbook.js';

/** The reports, as JSON for the API and as XLSX workbooks for the Département. */

/** The operations inside the actor's read_renovation perimeter, with their lines and phases. */
async function loadAll(db: Queryable, actor: Actor, filter: programme.OperationFilter = {}) {
  const operations = await programme.listOperations(db, actor.organisationId, perimeterOf(actor, 'read_renovation'), filter, null, 0);
  const ids = operations.map((operation) => operation.id);
  const [lines, phases] = await Promise.all([
    programme.listFinancingLines(db, actor.organisationId, ids),
    programme.listPhases(db, actor.organisationId, ids),
  ]);
  return { operations, lines, phases };
}

const forecastTotals = (rows: readonly ForecastRow[]) => ({
  operations: rows.reduce((total, row) => total + row.operations, 0),
  dwellings: rows.reduce((total, row) => total + row.dwellings, 0),
  plannedCents: sumCents(rows.map((row) => row.plannedCents)),
  departementInvestmentCents: sumCents(rows.map((row) => row.departementInvestmentCents)),
  departementOperatingCents: sumCents(rows.map((row) => row.departementOperatingCents)),
});

/** The November forecast: planned volumes of year N per territory and kind. */
export async function forecastReport(db: Queryable, actor: Actor, year: number) {
  const { operations, lines } = await loadAll(db, actor, { year });
  const rows = forecastRows(operations, lines, year);
  return { year, rows, totals: forecastTotals(rows) };
}

const FORECAST_COLUMNS: SheetColumn<ForecastRow>[] = [
  { header: 'Direction territoriale', kind: 'text', value: (row) => row.territory, width: 48 },
  { header: 'Nature des travaux', kind: 'text', value: (row) => OPERATION_KIND_LABELS[row.kind].fr, width: 42 },
  { header: 'Opérations', kind: 'integer', value: (row) => row.operations, total: true },
  { header: 'Logements', kind: 'integer', value: (row) => row.dwellings, total: true },
  { header: 'Coût prévisionnel', kind: 'euros', value: (row) => row.plannedCents, total: true, width: 20 },
  { header: 'Département investissement', kind: 'euros', value: (row) => row.departementInvestmentCents, total: true, width: 26 },
  { header: 'Département fonctionnement', kind: 'euros', value: (row) => row.departementOperatingCents, total: true, width: 26 },
];

export async function forecastWorkbook(db: Queryable, actor: Actor, year: number): Promise<Buffer> {
  const report = await forecastReport(db, actor, year);
  return writeWorkbook([sheet({ name: `Prévisionnel ${year}`, title: `Volumes prévisionnels ${year} par direction territoriale`, columns: FORECAST_COLUMNS, rows: report.rows })]);
}

/**
 * The semi-annual tracking table: every operation financed by the Département at the end of the
 * semester, with the Département amounts as they stood then (rebuilt from the status history of
 * the financing lines, `linesOn`), those of each earlier semester since its first line, and the
 * status history up to then. Costs, phases and labels are today's.
 */
export async function trackingReport(db: Queryable, actor: Actor, semester: string) {
  const at = semesterEnd(semester);
  const { operations, lines, phases } = await loadAll(db, actor);
  const history = await listLineHistory(db, actor.organisationId, operations.map((operation) => operation.id));
  const then = linesOn(lines, history, at);
  const financed = operations.filter((operation) => isFinancedByDepartement(operation.id, then));
  const changes = await programme.listStatusChanges(db, actor.organisationId, financed.map((operation) => operation.id), at);
  const semesters = semestersBetween(history.length > 0 ? semesterOf(history[0]!.changedOn) : semester, semester);
  const linesBySemester = semesters.map((past) => ({ semester: past, lines: past === semester ? then : linesOn(lines, history, semesterEnd(past)) }));
  const rows = financed.map((operation) => {
    const own = phases.filter((dates) => dates.operationId === operation.id);
    return {
      externalId: operation.externalId,
      name: operation.name,
      territory: operation.directorateName,
      kind: operation.kind,
      plan: operation.plan,
      programmeYear: operation.programmeYear,
      dwellings: operation.dwellings,
      phase: currentPhase(own, at),
      worksStart: own.find((dates) => dates.phase === 'works')?.plannedStart ?? null,
      handover: expectedHandover(own, operation.endDate),
      plannedCents: operation.plannedCents,
      committedCents: operation.committedCents,
      paidCents: operation.paidCents,
      departement: departementAmounts(operation.id, then),
      bySemester: linesBySemester.map((past) => ({ semester: past.semester, ...departementAmounts(operation.id, past.lines) })),
      labelBefore: operation.labelBefore,
      targetLabel: operation.targetLabel,
      labelAfter: operation.labelAfter,
      gainPercent: gainPercent(operation.energyBefore, operation.energyAfter ?? operation.energyTarget),
      statusChanges: changes.filter((change) => change.operationId === operation.id)
        .map(({ operationId: _operation, changedAt, ...change }) => ({ ...change, changedAt: changedAt.toISOString() })),
    };
  });
  return { semester, at, rows };
}

type TrackingRow = Awaited<ReturnType<typeof trackingReport>>['rows'][number];

const statusLabel = (status: keyof typeof FUNDING_STATUS_LABELS | null) => (status ? FUNDING_STATUS_LABELS[status].fr : '—');

/** One line per change: day, source, from → to, who. */
const statusHistory = (row: TrackingRow) => row.statusChanges.map((change) =>
  `${change.changedAt.slice(0, 10)} ${FUNDING_SOURCE_LABELS[change.source].fr} : ${statusLabel(change.fromStatus)} → ${statusLabel(change.toStatus)} (${change.changedBy})`).join('\n');

const phaseLabel = (phase: TrackingRow['phase']) => (phase === 'planned' ? 'Programmée' : phase === 'closed' ? 'Soldée' : PHASE_LABELS[phase].fr);

const TRACKING_COLUMNS: SheetColumn<TrackingRow>[] = [
  { header: 'Code', kind: 'text', value: (row) => row.externalId, width: 18 },
  { header: 'Opération', kind: 'text', value: (row) => row.name, width: 40 },
  { header: 'Direction territoriale', kind: 'text', value: (row) => row.territory, width: 40 },
  { header: 'Nature', kind: 'text', value: (row) => OPERATION_KIND_LABELS[row.kind].fr, width: 36 },
  { header: 'Plan', kind: 'text', value: (row) => PLAN_LABELS[row.plan].fr },
  { header: 'Année', kind: 'integer', value: (row) => row.programmeYear },
  { header: 'Logements', kind: 'integer', value: (row) => row.dwellings, total: true },
  { header: 'Phase', kind: 'text', value: (row) => phaseLabel(row.phase), width: 24 },
  { header: 'Début des travaux prévu', kind: 'date', value: (row) => row.worksStart },
  { header: 'Réception', kind: 'date', value: (row) => row.handover },
  { header: 'Coût prévisionnel', kind: 'euros', value: (row) => row.plannedCents, total: true, width: 20 },
  { header: 'Coût engagé', kind: 'euros', value: (row) => row.committedCents, total: true, width: 20 },
  { header: 'Coût payé', kind: 'euros', value: (row) => row.paidCents, total: true, width: 20 },
  { header: 'Département notifié', kind: 'euros', value: (row) => row.departement.notifiedCents, total: true, width: 20 },
  { header: 'Département engagé', kind: 'euros', value: (row) => row.departement.committedCents, total: true, width: 20 },
  { header: 'Département versé', kind: 'euros', value: (row) => row.departement.paidCents, total: true, width: 20 },
  { header: 'Étiquette avant', kind: 'text', value: (row) => row.labelBefore },
  { header: 'Étiquette visée', kind: 'text', value: (row) => row.targetLabel },
  { header: 'Étiquette après', kind: 'text', value: (row) => row.labelAfter },
  { header: 'Gain énergétique %', kind: 'percent', value: (row) => row.gainPercent },
  { header: 'Historique des statuts', kind: 'text', value: (row) => statusHistory(row) || null, width: 70 },
];

type SemesterRow = { externalId: string; name: string } & TrackingRow['bySemester'][number];

const SEMESTER_COLUMNS: SheetColumn<SemesterRow>[] = [
  { header: 'Code', kind: 'text', value: (row) => row.externalId, width: 18 },
  { header: 'Opération', kind: 'text', value: (row) => row.name, width: 40 },
  { header: 'Semestre', kind: 'text', value: (row) => row.semester },
  { header: 'Département notifié', kind: 'euros', value: (row) => row.notifiedCents, total: true, width: 20 },
  { header: 'Département engagé', kind: 'euros', value: (row) => row.committedCents, total: true, width: 20 },
  { header: 'Département versé', kind: 'euros', value: (row) => row.paidCents, total: true, width: 20 },
];

export async function trackingWorkbook(db: Queryable, actor: Actor, semester: string): Promise<Buffer> {
  const report = await trackingReport(db, actor, semester);
  const bySemester = report.rows.flatMap((row) => row.bySemester.map((amounts) => ({ externalId: row.externalId, name: row.name, ...amounts })));
  return writeWorkbook([
    sheet({ name: `Suivi ${semester}`, title: `Tableau de suivi des opérations financées au ${report.at}`, columns: TRACKING_COLUMNS, rows: report.rows }),
    sheet({ name: 'Par semestre', title: `Montants du Département à la fin de chaque semestre, jusqu’au ${report.at}`, columns: SEMESTER_COLUMNS, rows: bySemester }),
  ]);
}

/**
 * Envelope consumption by year, for each framework convention: the landlord's envelopes, drawn on
 * by every territory, so any reader of the programme sees the whole figures.
 */
export async function consumptionReport(db: Queryable, actor: Actor) {
  await requireAccess(db, actor, 'read_renovation');
  const [conventions, lines] = await Promise.all([programme.listConventions(db, actor.organisationId), programme.listFinancingLines(db, actor.organisationId, null)]);
  return envelopeConsumption(conventions, lines);
}

type ConsumptionYear = Awaited<ReturnType<typeof consumptionReport>>[number]['years'][number];

const CONSUMPTION_COLUMNS: SheetColumn<ConsumptionYear>[] = [
  { header: 'Année', kind: 'integer', value: (row) => row.year, width: 8 },
  { header: 'Convention d’application', kind: 'text', value: (row) => row.application, width: 34 },
  ...(['investment', 'operating'] as const).flatMap((envelope): SheetColumn<ConsumptionYear>[] => {
    const name = envelope === 'investment' ? 'Investissement' : 'Fonctionnement';
    return [
      { header: `${name} autorisé`, kind: 'euros', value: (row) => row[envelope].allowedCents, total: true, width: 22 },
      { header: `${name} engagé`, kind: 'euros', value: (row) => row[envelope].committedCents, total: true, width: 22 },
      { header: `${name} versé`, kind: 'euros', value: (row) => row[envelope].paidCents, total: true, width: 22 },
      { header: `${name} disponible`, kind: 'euros', value: (row) => row[envelope].remainingCents, total: true, width: 22 },
    ];
  }),
  { header: 'Cumul engagé investissement', kind: 'euros', value: (row) => row.cumulativeInvestmentCents, width: 26 },
  { header: 'Cumul engagé fonctionnement', kind: 'euros', value: (row) => row.cumulativeOperatingCents, width: 26 },
];

export async function consumptionWorkbook(db: Queryable, actor: Actor): Promise<Buffer> {
  const frameworks = await consumptionReport(db, actor);
  return writeWorkbook(frameworks.map(({ framework, years }, index) => sheet({
    name: `Consommation ${index + 1}`,
    title: `${framework.name} (${framework.firstYear}–${framework.lastYear}) : consommation des enveloppes par année`,
    columns: CONSUMPTION_COLUMNS,
    rows: years,
  })));
}
