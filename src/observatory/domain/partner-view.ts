import type { Indicators } from './indicators.js';
import { inRange, type MonthRange } from './months.js';
import { derived, figure, primaryMark, suppressGroup, THRESHOLD, type Figure, type Mark } from './suppression.js';
import { seasonal, type buildDashboard } from './dashboard.js';

/**
 * The dashboard as a partner may read it (docs/observatory.md, "Partners"): counts of 1 to 4
 * hidden, secondary cells hidden where a published total would give them away, every rate, cost
 * and share of a hidden count hidden with it, and the panels finer than a commune or internal to
 * the landlord (agencies, categories, residences, halls) withheld.
 */
type Dashboard = ReturnType<typeof buildDashboard>;
type PeriodName = keyof Dashboard['period'];
const PERIODS: readonly PeriodName[] = ['current', 'previous', 'lastYear'];

/** Panels a partner does not receive. */
export const WITHHELD_FROM_PARTNERS = ['directorates', 'agencies', 'categories', 'residences', 'halls'] as const;

interface Cells {
  values: number[];
  marks: Mark[];
}

/** Marks the groups of cells adding up to one total (a period's incidents), hiding that total too when a group cannot be protected otherwise. */
function protectPeriod(totalMark: Mark, groups: Cells[]): Mark {
  for (const hidden of totalMark === 'shown' ? [false, true] : [true]) {
    const results = groups.map((group) => suppressGroup(group.values, hidden, group.marks));
    if (results.every((result) => !result.totalMustHide)) {
      results.forEach((result, index) => groups[index]!.marks.splice(0, Infinity, ...result.cells));
      return hidden && totalMark === 'shown' ? 'secret' : totalMark;
    }
  }
  throw new Error('unreachable: a group whose total is hidden is always protected');
}

const cellsOf = (values: number[]): Cells => ({ values, marks: values.map(() => 'shown') });

export function partnerDashboard(full: Dashboard) {
  const families = cellsOf(full.families.map((row) => row.incidents));
  const communes = cellsOf(full.communes.map((row) => row.incidents));
  const qpv = cellsOf(full.qpv.map((row) => row.incidents));
  const trend = cellsOf(full.trend.map((row) => row.incidents));
  const monthsOf = (range: MonthRange): Cells => {
    const indexes = full.trend.flatMap((row, index) => (inRange(row.month, range) ? [index] : []));
    return { values: indexes.map((index) => trend.values[index]!), marks: indexes.map((index) => trend.marks[index]!) };
  };
  const writeBack = (range: MonthRange, months: Cells) => {
    full.trend.forEach((row, index) => {
      if (inRange(row.month, range)) trend.marks[index] = months.marks.shift()!;
    });
  };

  const totals = {} as Record<PeriodName, Mark>;
  for (const period of PERIODS) {
    const months = monthsOf(full.period[period]);
    const groups = period === 'current' ? [families, communes, qpv, months] : [months];
    totals[period] = protectPeriod(primaryMark(full.indicators[period].incidents), groups);
    writeBack(full.period[period], months);
  }
  for (const [index, mark] of trend.marks.entries()) if (mark === 'shown') trend.marks[index] = primaryMark(trend.values[index]!);

  const staffAssaultTotal = (period: PeriodName): Mark =>
    period === 'current' ? families.marks[full.families.findIndex((row) => row.family === 'E')] ?? 'shown' : primaryMark(full.indicators[period].staffAssaults.total);
  const trendFigures = full.trend.map((row, index) => ({ month: row.month, incidents: figure(row.incidents, trend.marks[index]!), damageCost: derived(row.damageCost, trend.marks[index]!) }));
  const place = <T extends { incidents: number; ratePer100Dwellings: number | null; damageCost: number }>(row: T, mark: Mark) =>
    ({ ...row, incidents: figure(row.incidents, mark), ratePer100Dwellings: derived(row.ratePer100Dwellings, mark), damageCost: derived(row.damageCost, mark) });

  return {
    ...full,
    indicators: Object.fromEntries(PERIODS.map((period) => [period, indicatorFigures(full.indicators[period], totals[period], staffAssaultTotal(period))])) as Record<PeriodName, ReturnType<typeof indicatorFigures>>,
    repeatIncidents: repeatFigures(full.repeatIncidents),
    hallLevels: hallLevelFigures(full.hallLevels),
    families: full.families.map((row, index) => ({ ...row, incidents: figure(row.incidents, families.marks[index]!), damageCost: derived(row.damageCost, families.marks[index]!) })),
    trend: trendFigures,
    seasonal: seasonal(trendFigures),
    hourWeekday: hourFigures(full.hourWeekday),
    communes: full.communes.map((row, index) => place(row, communes.marks[index]!)),
    qpv: full.qpv.map((row, index) => place(row, qpv.marks[index]!)),
    directorates: [],
    agencies: [],
    categories: [],
    residences: [],
    halls: [],
    suppression: { threshold: THRESHOLD, withheld: [...WITHHELD_FROM_PARTNERS] },
  };
}

function indicatorFigures(indicators: Indicators, total: Mark, staffTotal: Mark) {
  const complaints = indicators.complaintShare === null ? 0 : Math.round(indicators.complaintShare * indicators.incidents);
  const { staffAssaults: staff } = indicators;
  const kinds = suppressGroup([staff.verbal, staff.physical, staff.other], staffTotal !== 'shown').cells;
  const itt = suppressGroup([staff.itt.none, staff.itt.upTo8Days, staff.itt.over8Days, staff.itt.unknown], staffTotal !== 'shown').cells;
  return {
    incidents: figure(indicators.incidents, total),
    ratePer100Dwellings: derived(indicators.ratePer100Dwellings, total),
    damageCostPerDwellingPerYear: derived(indicators.damageCostPerDwellingPerYear, total),
    damageCost: derived(indicators.damageCost, total),
    complaintShare: derived(indicators.complaintShare, total === 'shown' ? primaryMark(complaints) : total),
    meanHandlingHours: derived(indicators.meanHandlingHours, total),
    staffAssaults: {
      total: figure(staff.total, staffTotal),
      verbal: figure(staff.verbal, kinds[0]!),
      physical: figure(staff.physical, kinds[1]!),
      other: figure(staff.other, kinds[2]!),
      itt: { none: figure(staff.itt.none, itt[0]!), upTo8Days: figure(staff.itt.upTo8Days, itt[1]!), over8Days: figure(staff.itt.over8Days, itt[2]!), unknown: figure(staff.itt.unknown, itt[3]!) },
      per100Staff: derived(staff.per100Staff, staffTotal),
    },
  };
}

function repeatFigures(repeat: Dashboard['repeatIncidents']) {
  const halls = primaryMark(repeat.hallsWithIncidents);
  const repeats = primaryMark(repeat.hallsWithRepeats);
  const either: Mark = halls === 'shown' && repeats === 'shown' ? 'shown' : 'secret';
  return {
    hallsWithIncidents: figure(repeat.hallsWithIncidents, halls),
    hallsWithRepeats: figure(repeat.hallsWithRepeats, repeats),
    repeatHallShare: derived(repeat.repeatHallShare, either),
    repeatIncidentShare: derived(repeat.repeatIncidentShare, either),
  };
}

function hallLevelFigures(summary: Dashboard['hallLevels']) {
  const levels = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).map(([level, count]) => [level, figure(count, primaryMark(count))])) as Record<keyof typeof counts, Figure>;
  return {
    levels: levels(summary.levels) as Record<keyof Dashboard['hallLevels']['levels'], Figure>,
    previousLevels: levels(summary.previousLevels) as Record<keyof Dashboard['hallLevels']['levels'], Figure>,
    worse: figure(summary.worse, primaryMark(summary.worse)),
    better: figure(summary.better, primaryMark(summary.better)),
  };
}

function hourFigures(hours: Dashboard['hourWeekday']) {
  const hourCells = cellsOf(hours.grid.flat());
  const total = protectPeriod(primaryMark(hours.incidentsWithTime), [hourCells]);
  const cells = hourCells.marks;
  return { ...hours, grid: hours.grid.map((row, day) => row.map((count, hour) => figure(count, cells[day * 24 + hour]!))), incidentsWithTime: figure(hours.incidentsWithTime, total) };
}


/** The heatmap grid partners get: cells of about 1 km (0.01° of latitude, 0.015° of longitude at 50° N). */
export const PARTNER_HEAT_CELL = { lat: 0.01, lon: 0.015 } as const;

/**
 * Weighted points gathered on the coarse grid, their centres placed; cells whose count is hidden
 * are left out (all of them when the total itself cannot be published safely).
 */
export function partnerHeat(points: readonly { lon: number; lat: number; weight: number }[]) {
  const cells = new Map<string, { lon: number; lat: number; weight: number }>();
  for (const point of points) {
    const lon = (Math.floor(point.lon / PARTNER_HEAT_CELL.lon) + 0.5) * PARTNER_HEAT_CELL.lon;
    const lat = (Math.floor(point.lat / PARTNER_HEAT_CELL.lat) + 0.5) * PARTNER_HEAT_CELL.lat;
    const key = `${lon.toFixed(4)},${lat.toFixed(4)}`;
    const cell = cells.get(key) ?? { lon, lat, weight: 0 };
    cell.weight += point.weight;
    cells.set(key, cell);
  }
  const grid = [...cells.values()];
  const marks = publishedMarks(grid.map((cell) => cell.weight));
  return grid.filter((_, index) => marks[index] === 'shown');
}

/** Hotspot units with their counts and rates hidden as any other small count. */
export function partnerUnits<T extends { incidents: number; ratePer100Dwellings: number }>(units: readonly T[]) {
  const marks = publishedMarks(units.map((unit) => unit.incidents));
  return units.map((unit, index) => ({ ...unit, incidents: figure(unit.incidents, marks[index]!), ratePer100Dwellings: derived(unit.ratePer100Dwellings, marks[index]!) }));
}

/** Marks of cells whose total is published elsewhere (the dashboard): every cell hidden when they cannot be protected. */
function publishedMarks(values: number[]): Mark[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  const group = cellsOf(values);
  const totalMark = protectPeriod(primaryMark(total), [group]);
  return totalMark === 'shown' ? group.marks : group.marks.map((mark, index) => (mark === 'shown' && values[index]! > 0 ? 'secret' : mark));
}
