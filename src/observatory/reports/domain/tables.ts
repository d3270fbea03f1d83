import { FAMILY_LABELS } from '../../../incidents/domain/nomenclature.js';
import type { Family } from '../../../incidents/domain/vocabulary.js';
import type { MonthRange } from '../../domain/months.js';
import type { Figure } from '../../domain/suppression.js';

/**
 * Tables of the observatory's reports, shared by their PDF and XLSX renderings (no I/O). Cells
 * hold raw values — a count, a rate, a share as a fraction, euros — or the « < 5 » / « s » of a
 * hidden figure; each cell's kind says how both renderings format it.
 */
/** Labels and hidden figures are text. */
export type Cell = string | number | null;
export type CellKind = 'text' | 'count' | 'dwellings' | 'rate' | 'percent' | 'hours' | 'euros';

export interface ReportTable {
  /** Sheet name (31 characters at most). */
  name: string;
  title: string;
  headers: string[];
  /** Kind of each column; a column of kind `row` takes each row's kind from `rowKinds`. */
  kinds: (CellKind | 'row')[];
  rowKinds?: CellKind[];
  rows: Cell[][];
  /** A last line summing the count and euro columns. */
  total?: boolean;
}

export function kindOf(table: ReportTable, row: number, column: number): CellKind {
  const kind = table.kinds[column] ?? 'text';
  return kind === 'row' ? table.rowKinds?.[row] ?? 'text' : kind;
}

/** The sums of a table's total line (text cells of hidden figures count for nothing: totals are only put under unsuppressed tables). */
export function totalRow(table: ReportTable): Cell[] {
  return table.kinds.map((kind, column) => {
    if (column === 0) return 'Total';
    if (kind !== 'count' && kind !== 'euros' && kind !== 'dwellings') return null;
    return table.rows.reduce((sum: number, row) => sum + (typeof row[column] === 'number' ? (row[column] as number) : 0), 0);
  });
}

export const monthName = (month: string) =>
  new Date(`${month}-01T12:00:00Z`).toLocaleDateString('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
export const periodName = (range: MonthRange) => (range.from === range.to ? monthName(range.from) : `${monthName(range.from)} – ${monthName(range.to)}`);
export const frenchDate = (date: Date) => date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

export const familyName = (family: string) => `${family} — ${FAMILY_LABELS[family as Family]?.fr ?? family}`;

type Value = Figure | number | null;
interface PeriodIndicators {
  incidents: Figure; ratePer100Dwellings: Value; complaintShare: Value; damageCost: Value;
  staffAssaults: { total: Figure; verbal: Figure; physical: Figure };
}
interface ComparedIndicators {
  period: Record<'current' | 'previous' | 'lastYear', MonthRange>;
  indicators: Record<'current' | 'previous' | 'lastYear', PeriodIndicators>;
}

const PERIODS = ['current', 'previous', 'lastYear'] as const;
const PERIOD_HEADERS = { current: 'Période', previous: 'Période précédente', lastYear: 'Même période un an avant' };

/** Key figures of the period beside the previous period and the same period a year before. */
export function comparedTable(dashboard: ComparedIndicators): ReportTable {
  const lines: [string, CellKind, (indicators: PeriodIndicators) => Value][] = [
    ['Incidents', 'count', (i) => i.incidents],
    ['Pour 100 logements', 'rate', (i) => i.ratePer100Dwellings],
    ['Part avec plainte déposée', 'percent', (i) => i.complaintShare],
    ['Coût des dégradations (€)', 'euros', (i) => i.damageCost],
    ['Atteintes aux personnels', 'count', (i) => i.staffAssaults.total],
    ['  dont verbales', 'count', (i) => i.staffAssaults.verbal],
    ['  dont physiques', 'count', (i) => i.staffAssaults.physical],
  ];
  return {
    name: 'Chiffres clés',
    title: 'Chiffres clés',
    headers: ['', ...PERIODS.map((period) => `${PERIOD_HEADERS[period]}\n${periodName(dashboard.period[period])}`)],
    kinds: ['text', 'row', 'row', 'row'],
    rowKinds: lines.map(([, kind]) => kind),
    rows: lines.map(([label, , pick]) => [label, ...PERIODS.map((period) => pick(dashboard.indicators[period]))]),
  };
}

export function familyTable(families: readonly { family: string; incidents: Figure; damageCost: Value }[]): ReportTable {
  return {
    name: 'Familles', title: 'Incidents par famille',
    headers: ['Famille', 'Incidents', 'Coût des dégradations (€)'], kinds: ['text', 'count', 'euros'],
    rows: families.map((row) => [familyName(row.family), row.incidents, row.damageCost]),
  };
}

type Place = { label: string; incidents: Figure; dwellings: number; ratePer100Dwellings: Value };

export function placeTable(name: string, title: string, heading: string, rows: readonly Place[]): ReportTable {
  return {
    name, title,
    headers: [heading, 'Logements', 'Incidents', 'Pour 100 logements'], kinds: ['text', 'dwellings', 'count', 'rate'],
    rows: rows.map((row) => [row.label, row.dwellings, row.incidents, row.ratePer100Dwellings]),
  };
}

export function monthTable(trend: readonly { month: string; incidents: Figure }[], range: MonthRange): ReportTable {
  return {
    name: 'Mois', title: 'Évolution mensuelle', headers: ['Mois', 'Incidents'], kinds: ['text', 'count'],
    rows: trend.filter((row) => row.month >= range.from && row.month <= range.to).map((row) => [monthName(row.month), row.incidents]),
  };
}

const french = (value: number, digits: number) =>
  value.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/[\u202f\u00a0]/g, ' ');

/** A cell as the PDF prints it: French digits, one decimal for rates, « % » and « € »; hidden figures as they are. */
export function formatCell(value: Cell, kind: CellKind): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (kind === 'rate' || kind === 'hours') return french(value, 1);
  if (kind === 'percent') return `${french(value * 100, 1)} %`;
  if (kind === 'euros') return `${french(value, 0)} €`;
  return french(value, 0);
}
