import { FAMILIES } from '../../incidents/domain/vocabulary.js';
import { computeIndicators, ratio, repeatRate, reportingIndex, type Compared, type Indicators, type RepeatRate } from './indicators.js';
import { groupMeasures, sumMeasures, type Measures } from './measures.js';
import { addMonths, comparedPeriods, inRange, monthsBetween, monthsOf, type MonthRange } from './months.js';
import { summariseHalls, type HallChange, type HallSummary } from './halls.js';

/** The panels of the dashboard, assembled from roll-up rows and patrimony counts (no I/O). */

export interface MonthCategoryMeasures extends Measures {
  month: string;
  categoryCode: string;
  family: string;
}
export interface AgencyMeasures extends Measures {
  agencyId: number;
  period: 'current' | 'previous' | 'lastYear';
}
export interface ResidenceMeasures extends Measures {
  residenceId: number;
}
export interface AgencyInfo {
  agencyId: number;
  name: string;
  directorateId: number;
  directorateName: string;
  staff: number | null;
}
export interface ResidenceInfo {
  residenceId: number;
  name: string;
  agencyId: number;
  communeInsee: string;
  communeName: string | null;
  qpvCode: string | null;
  dwellings: number;
}
export interface HallInfo {
  entranceId: number;
  name: string;
  buildingName: string | null;
  residenceName: string;
}

export interface DashboardInputs {
  period: MonthRange;
  monthCategories: readonly MonthCategoryMeasures[];
  agencies: readonly AgencyMeasures[];
  residences: readonly ResidenceMeasures[];
  agencyInfo: readonly AgencyInfo[];
  residenceInfo: readonly ResidenceInfo[];
  /** Incidents per hall in the period (halls with incidents). */
  hallIncidents: ReadonlyMap<number, number>;
  /** Names of the halls of `topHalls`. */
  hallInfo: readonly HallInfo[];
  /** Levels of the halls with incidents in either quarter, out of `hallCount` halls in scope. */
  hallChanges: readonly HallChange[];
  hallCount: number;
  hourCells: readonly { weekday: number; hour: number; incidents: number }[];
  hourGridFilters: string[];
  /** False when the caller's perimeter names communes, which the hour roll-up does not know. */
  hourGridAvailable: boolean;
}

/** How many months of monthly trend the dashboard shows, ending with the period. */
export const TREND_MONTHS = 36;
const TOP = 20;

export function trendRange(period: MonthRange): MonthRange {
  return { from: addMonths(period.to, -(TREND_MONTHS - 1)), to: period.to };
}

/** Every month the dashboard reads: the trend and the three compared periods. */
export function monthsRead(period: MonthRange): MonthRange {
  const { previous, lastYear } = comparedPeriods(period);
  const from = [trendRange(period).from, previous.from, lastYear.from].sort()[0]!;
  return { from, to: period.to };
}

interface PlaceFigures {
  incidents: number;
  dwellings: number;
  ratePer100Dwellings: number | null;
  damageCost: number;
}

const placeFigures = (measures: Measures, dwellings: number): PlaceFigures => ({
  incidents: measures.incidents,
  dwellings,
  ratePer100Dwellings: ratio(measures.incidents, dwellings, 100),
  damageCost: measures.damageCost,
});

export function buildDashboard(inputs: DashboardInputs) {
  const periods = comparedPeriods(inputs.period);
  const months = monthsBetween(inputs.period);
  const dwellings = inputs.residenceInfo.reduce((sum, residence) => sum + residence.dwellings, 0);
  const agenciesInScope = new Set(inputs.residenceInfo.map((residence) => residence.agencyId));
  const knownStaff = inputs.agencyInfo.filter((agency) => agenciesInScope.has(agency.agencyId) && agency.staff !== null);
  const staff = knownStaff.length > 0 ? knownStaff.reduce((sum, agency) => sum + agency.staff!, 0) : null;

  const indicatorsOf = (range: MonthRange): Indicators => {
    const rows = inputs.monthCategories.filter((row) => inRange(row.month, range));
    return computeIndicators({
      measures: sumMeasures(rows),
      staffAssaultsByCategory: groupMeasures(rows.filter((row) => row.family === 'E'), (row) => row.categoryCode),
      dwellings,
      staff,
      months,
    });
  };
  const indicators: Compared<Indicators> = {
    current: indicatorsOf(periods.current),
    previous: indicatorsOf(periods.previous),
    lastYear: indicatorsOf(periods.lastYear),
  };

  const current = inputs.monthCategories.filter((row) => inRange(row.month, inputs.period));
  const byFamily = groupMeasures(current, (row) => row.family);
  const byCategory = groupMeasures(current, (row) => row.categoryCode);
  const trendMonths = monthsOf(trendRange(inputs.period));
  const byMonth = groupMeasures(inputs.monthCategories.filter((row) => inRange(row.month, trendRange(inputs.period))), (row) => row.month);
  const trend = trendMonths.map((month) => ({ month, incidents: byMonth.get(month)?.incidents ?? 0, damageCost: byMonth.get(month)?.damageCost ?? 0 }));

  return {
    period: periods,
    dwellings,
    staff,
    indicators,
    repeatIncidents: repeatRate([...inputs.hallIncidents.values()]) satisfies RepeatRate,
    hallLevels: summariseHalls(inputs.hallChanges, inputs.hallCount) satisfies HallSummary,
    families: FAMILIES.map((family) => ({ family, incidents: byFamily.get(family)?.incidents ?? 0, damageCost: byFamily.get(family)?.damageCost ?? 0 })),
    categories: [...byCategory]
      .map(([code, measures]) => ({ code, family: code.slice(0, 1), incidents: measures.incidents, damageCost: measures.damageCost }))
      .sort((a, b) => b.incidents - a.incidents || a.code.localeCompare(b.code)),
    trend,
    seasonal: seasonal(trend),
    hourWeekday: hourWeekday(inputs.hourCells, inputs.hourGridFilters, inputs.hourGridAvailable),
    ...placeBreakdowns(inputs),
  };
}

/** The trend folded by calendar month, one line per year (the seasonal view). */
export function seasonal<T>(trend: readonly { month: string; incidents: T }[]) {
  const years = new Map<string, (T | null)[]>();
  for (const { month, incidents } of trend) {
    const year = month.slice(0, 4);
    if (!years.has(year)) years.set(year, Array<T | null>(12).fill(null));
    years.get(year)![Number(month.slice(5, 7)) - 1] = incidents;
  }
  return [...years].map(([year, months]) => ({ year: Number(year), months }));
}

/** Rows are ISO weekdays (Monday first), columns hours 0–23, in Paris time. */
function hourWeekday(cells: DashboardInputs['hourCells'], appliedFilters: string[], available: boolean) {
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  let total = 0;
  for (const cell of cells) {
    grid[cell.weekday - 1]![cell.hour] = cell.incidents;
    total += cell.incidents;
  }
  return { grid, incidentsWithTime: total, appliedFilters, available };
}

function placeBreakdowns(inputs: DashboardInputs) {
  const agencyDwellings = new Map<number, number>();
  for (const residence of inputs.residenceInfo) agencyDwellings.set(residence.agencyId, (agencyDwellings.get(residence.agencyId) ?? 0) + residence.dwellings);
  const byAgency = (period: AgencyMeasures['period']) => groupMeasures(inputs.agencies.filter((row) => row.period === period), (row) => row.agencyId);
  const agencyPeriods = { current: byAgency('current'), previous: byAgency('previous'), lastYear: byAgency('lastYear') };
  const inScope = inputs.agencyInfo.filter((agency) => agencyDwellings.has(agency.agencyId) || agencyPeriods.current.has(agency.agencyId));
  const totalIncidents = [...agencyPeriods.current.values()].reduce((sum, measures) => sum + measures.incidents, 0);
  const totalDwellings = [...agencyDwellings.values()].reduce((sum, value) => sum + value, 0);
  const overallRate = ratio(totalIncidents, totalDwellings, 100);

  const agencies = inScope.map((agency) => {
    const measures = agencyPeriods.current.get(agency.agencyId) ?? sumMeasures([]);
    const figures = placeFigures(measures, agencyDwellings.get(agency.agencyId) ?? 0);
    const staffAssaults = measures.staffIttNone + measures.staffIttUpTo8 + measures.staffIttOver8 + measures.staffIttUnknown;
    return {
      agencyId: agency.agencyId,
      name: agency.name,
      directorateId: agency.directorateId,
      ...figures,
      previous: agencyPeriods.previous.get(agency.agencyId)?.incidents ?? 0,
      lastYear: agencyPeriods.lastYear.get(agency.agencyId)?.incidents ?? 0,
      complaintShare: ratio(measures.withComplaint, measures.incidents),
      staff: agency.staff,
      staffAssaultsWithVictim: staffAssaults,
      staffAssaultsPer100Staff: agency.staff === null ? null : ratio(staffAssaults, agency.staff, 100),
      reportingIndex: reportingIndex(figures.ratePer100Dwellings, overallRate),
    };
  });

  const directorateMap = new Map<number, { directorateId: number; name: string; incidents: number; dwellings: number }>();
  for (const agency of agencies) {
    const info = inputs.agencyInfo.find((candidate) => candidate.agencyId === agency.agencyId)!;
    const entry = directorateMap.get(info.directorateId) ?? { directorateId: info.directorateId, name: info.directorateName, incidents: 0, dwellings: 0 };
    entry.incidents += agency.incidents;
    entry.dwellings += agency.dwellings;
    directorateMap.set(info.directorateId, entry);
  }

  const residenceMeasures = new Map(inputs.residences.map((row) => [row.residenceId, row]));
  const residences = inputs.residenceInfo.map((residence) => ({
    residenceId: residence.residenceId,
    name: residence.name,
    agencyId: residence.agencyId,
    communeInsee: residence.communeInsee,
    qpvCode: residence.qpvCode,
    ...placeFigures(residenceMeasures.get(residence.residenceId) ?? sumMeasures([]), residence.dwellings),
  }));
  const groupBy = <K>(keyOf: (residence: (typeof residences)[number]) => K) => {
    const groups = new Map<K, { incidents: number; dwellings: number; damageCost: number }>();
    for (const residence of residences) {
      const key = keyOf(residence);
      const entry = groups.get(key) ?? { incidents: 0, dwellings: 0, damageCost: 0 };
      entry.incidents += residence.incidents;
      entry.dwellings += residence.dwellings;
      entry.damageCost += residence.damageCost;
      groups.set(key, entry);
    }
    return groups;
  };
  const communeNames = new Map(inputs.residenceInfo.map((residence) => [residence.communeInsee, residence.communeName]));
  const withRate = <T extends { incidents: number; dwellings: number }>(entry: T) => ({ ...entry, ratePer100Dwellings: ratio(entry.incidents, entry.dwellings, 100) });
  const hallNames = new Map(inputs.hallInfo.map((hall) => [hall.entranceId, hall]));

  return {
    directorates: [...directorateMap.values()].map(withRate),
    agencies,
    communes: [...groupBy((residence) => residence.communeInsee)]
      .map(([insee, entry]) => withRate({ insee, name: communeNames.get(insee) ?? null, ...entry }))
      .sort((a, b) => b.incidents - a.incidents),
    qpv: [...groupBy((residence) => residence.qpvCode)].map(([code, entry]) => withRate({ code, ...entry })).sort((a, b) => b.incidents - a.incidents),
    residences: residences.filter((residence) => residence.incidents > 0).sort((a, b) => b.incidents - a.incidents || a.residenceId - b.residenceId).slice(0, TOP),
    halls: topHalls(inputs.hallIncidents).map((entranceId) => ({ entranceId, incidents: inputs.hallIncidents.get(entranceId)!, ...hallNames.get(entranceId) })),
  };
}

/** The halls with the most incidents, most first. */
export function topHalls(incidentsPerHall: ReadonlyMap<number, number>): number[] {
  return [...incidentsPerHall]
    .filter(([, incidents]) => incidents > 0)
    .sort(([a, x], [b, y]) => y - x || a - b)
    .slice(0, TOP)
    .map(([entranceId]) => entranceId);
}
