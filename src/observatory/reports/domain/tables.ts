import { FAMILY_LABELS } from '../../incidents/domain/nomenclature.js';
import type { Family } from '../../incidents/domain/vocabulary.js';
import type { MonthRange } from '../domain/months.js';
import type { Figure } from '../domain/suppression.js';
import type { Cell } from './pdf-layout.js';

/** Tables of the observatory's reports, shared by their PDF and XLSX renderings (no I/O). */
export interface ReportTable {
  name: string;
  title: string;
  headers: string[];
  rows: Cell[][];
}

type Value = Figure | number | null;

/** Rates and shares with one decimal; hidden figures (« < 5 », « s ») as they are. */
export const oneDecimal = (value: Value): Value => (typeof value === 'number' ? Math.round(value * 10) / 10 : value);
export const percent = (share: Value): Value => (typeof share === 'number' ? Math.round(share * 1000) / 10 : share);

export const monthName = (month: string) =>
  new Date(`${month}-01T12:00:00Z`).toLocaleDateString('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
export const periodName = (range: MonthRange) => (range.from === range.to ? monthName(range.from) : `${monthName(range.from)} – ${monthName(range.to)}`);
export const frenchDate = (date: Date) => date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

export const familyName = (family: string) => `${family} — ${FAMILY_LABELS[family as Family]?.fr ?? family}`;

interface ComparedIndicators {
  period: Record<'current' | 'previous' | 'lastYear', MonthRange>;
  indicators: Record<'current' | 'previous' | 'lastYear', {
    incidents: Figure; ratePer100Dwellings: Value; complaintShare: Value; meanHandlingHours: Value;
    staffAssaults: { total: Figure; verbal: Figure; physical: Figure };
  }>;
}

const PERIODS = ['current', 'previous', 'lastYear'] as const;

/** Key figures of the period beside the previous period and the same period a year before. */
export function comparedTable(dashboard: ComparedIndicators): ReportTable {
  const line = (label: string, pick: (indicators: ComparedIndicators['indicators']['current']) => Value): Cell[] =>
    [label, ...PERIODS.map((period) => pick(dashboard.indicators[period]))].map((cell) => (typeof cell === 'number' ? oneDecimal(cell) : cell));
  return {
    name: 'Chiffres clés',
    title: 'Chiffres clés',
    headers: ['', ...PERIODS.map((period) => `${{ current: 'Période', previous: 'Période précédente', lastYear: 'Même période N-1' }[period]} (${periodName(dashboard.period[period])})`)],
    rows: [
      line('Incidents', (i) => i.incidents),
      line('Pour 100 logements', (i) => i.ratePer100Dwellings),
      line('Part avec plainte déposée (%)', (i) => percent(i.complaintShare)),
      line('Durée moyenne de traitement (heures)', (i) => i.meanHandlingHours),
      line('Atteintes aux personnels', (i) => i.staffAssaults.total),
      line('  dont verbales', (i) => i.staffAssaults.verbal),
      line('  dont physiques', (i) => i.staffAssaults.physical),
    ],
  };
}

export function familyTable(families: readonly { family: string; incidents: Figure }[]): ReportTable {
  return { name: 'Familles', title: 'Incidents par famille', headers: ['Famille', 'Incidents'], rows: families.map((row) => [familyName(row.family), row.incidents]) };
}

type Place = { incidents: Figure; dwellings: number; ratePer100Dwellings: Value };

export function placeTable(name: string, title: string, rows: readonly ({ label: string } & Place)[]): ReportTable {
  return {
    name, title,
    headers: [name === 'QPV' ? 'Quartier' : 'Lieu', 'Logements', 'Incidents', 'Pour 100 logements'],
    rows: rows.map((row) => [row.label, row.dwellings, row.incidents, oneDecimal(row.ratePer100Dwellings)]),
  };
}

export function trendTable(trend: readonly { month: string; incidents: Figure }[], range: MonthRange): ReportTable {
  return {
    name: 'Mois', title: 'Évolution mensuelle', headers: ['Mois', 'Incidents'],
    rows: trend.filter((row) => row.month >= range.from && row.month <= range.to).map((row) => [monthName(row.month), row.incidents]),
  };
}

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** Hour × weekday, Paris time: one row per weekday, one column per hour. */
export function hourTable(grid: readonly (readonly Figure[])[]): ReportTable {
  return {
    name: 'Heures', title: 'Incidents par jour et heure (heure de Paris)',
    headers: ['Jour', ...Array.from({ length: 24 }, (_, hour) => `${hour}h`)],
    rows: grid.map((row, day) => [WEEKDAYS[day]!, ...row]),
  };
}
