/**
 * The demo landlord's renovation programme and its Département funding, generated from its
 * dwellings without randomness (the same patrimony always gives the same programme):
 * - every dwelling whose energy class is E, F or G renovated to C over 2024–2033, one operation
 *   per residence, about 800 M€ in all; residences go by their worst label (the worse of the
 *   energy and GHG classes, as the letting bans read it), G first;
 * - maintenance works on about 2,500 dwellings a year and 250–300 adaptations to ageing or
 *   disability a year, on the other dwellings;
 * - the 400 vacant dwellings refurbished in 2024 with the Département's operating support;
 * - the framework convention 2024–2033 (100 M€ investment, 50 M€ operating) and the 2024
 *   application convention (4 M€ and 5 M€); later years are requested, not yet conventioned.
 * The demo stands as on 30 June 2025: earlier phases carry actual dates.
 */
import type { DpeClass } from '../../dpe/domain/labels.js';
import type { OperationInput } from '../../programme/service.js';
import type { FinancingLineInput } from '../../programme/service.js';
import type { Phase, OperationKind } from '../../programme/domain/vocabulary.js';
import type { PhaseDates } from '../../programme/domain/operation.js';

export interface DemoDwelling {
  id: number;
  residenceId: number;
  residenceName: string;
  directorateId: number;
  directorateName: string;
  energyClass: DpeClass | null;
  ghgClass: DpeClass | null;
}

export interface DemoConvention {
  externalId: string;
  kind: 'framework' | 'application';
  frameworkExternalId: string | null;
  name: string;
  firstYear: number;
  lastYear: number;
  investmentCents: number;
  operatingCents: number;
  signedOn: string;
}

export type DemoLine = Omit<FinancingLineInput, 'conventionId'> & { conventionExternalId: string | null };

export interface DemoOperation {
  input: OperationInput & { externalId: string };
  lines: DemoLine[];
}

export const FIRST_YEAR = 2024;
export const LAST_YEAR = 2033;
export const DEMO_AS_OF = '2025-06-30';
export const MAINTENANCE_PER_YEAR = 2_500;
export const VACANT_REFURBISHMENTS = 400;

const FRAMEWORK = 'CD62-CADRE-2024-2033';
const APPLICATION_2024 = 'CD62-APP-2024';

export const DEMO_CONVENTIONS: readonly DemoConvention[] = [
  { externalId: FRAMEWORK, kind: 'framework', frameworkExternalId: null, name: 'Convention cadre Département – bailleur 2024–2033', firstYear: 2024, lastYear: 2033, investmentCents: 100_000_000_00, operatingCents: 50_000_000_00, signedOn: '2024-02-12' },
  { externalId: APPLICATION_2024, kind: 'application', frameworkExternalId: FRAMEWORK, name: 'Convention d’application 2024', firstYear: 2024, lastYear: 2024, investmentCents: 4_000_000_00, operatingCents: 5_000_000_00, signedOn: '2024-04-08' },
];

/** Cost per dwelling of an energy renovation to C, by class before works (≈ 800 M€ for the demo's 10,245). */
const RENOVATION_COST: Readonly<Record<'E' | 'F' | 'G', number>> = { G: 95_000_00, F: 85_000_00, E: 77_000_00 };
/** Typical primary energy before works (kWhEP/m²/yr) and GHG, by class; target C. */
const ENERGY_BEFORE: Readonly<Record<'E' | 'F' | 'G', [energy: number, ghg: number]>> = { G: [480, 38], F: [375, 31], E: [290, 24] };
const ENERGY_TARGET = 150;
/** The last programme year whose handover (15 December) comes before the ban of each class. */
const LAST_BEFORE_BAN: Readonly<Record<'E' | 'F' | 'G', number>> = { G: 2024, F: 2027, E: 2033 };
/** Département investment committed in 2024 (within the 4 M€ of the application convention), then requested per dwelling. */
const DEPARTEMENT_INVESTMENT_2024 = 3_600_000_00;
const DEPARTEMENT_INVESTMENT_PER_DWELLING = 9_500_00;
const ECO_PRET_PER_DWELLING = 15_000_00;
const CEE_PER_DWELLING = 2_000_00;
const MAINTENANCE_COST = 6_000_00;
const DEPARTEMENT_MAINTENANCE_PER_DWELLING = 2_000_00;
const ADAPTATION_COST = 8_000_00;
const VACANT_COST = 18_000_00;
const DEPARTEMENT_VACANT_PER_DWELLING = 12_000_00;

const isBad = (label: DpeClass | null): label is 'E' | 'F' | 'G' => label === 'E' || label === 'F' || label === 'G';
const rankBad = (label: 'E' | 'F' | 'G') => ({ G: 0, F: 1, E: 2 })[label];
/** The label the bans read: the worse of the energy and GHG classes (E at best, for a dwelling of the programme). */
const banLabel = (d: DemoDwelling): 'E' | 'F' | 'G' => (d.ghgClass === 'G' || d.energyClass === 'G' ? 'G' : d.ghgClass === 'F' || d.energyClass === 'F' ? 'F' : 'E');

/** 250 to 300 adaptations a year, varying deterministically. */
export const adaptationsIn = (year: number) => 250 + ((year * 37) % 51);

const planOf = (year: number) => (year <= 2024 ? 'pmt_2022_2024' : year <= 2030 ? 'pmt_2025_2030' : 'psp') as OperationInput['plan'];

const day = (year: number, monthDay: string) => `${year}-${monthDay}`;

/** Planned dates of a renovation programmed in `year`, actual ones up to DEMO_AS_OF. */
function renovationPhases(year: number): OperationInput['phases'] {
  const planned: [Phase, string, string][] = [
    ['studies', day(year - 1, '09-01'), day(year - 1, '12-15')],
    ['work_order', day(year, '02-01'), day(year, '02-01')],
    ['works', day(year, '02-15'), day(year, '11-30')],
    ['handover', day(year, '12-15'), day(year, '12-15')],
    ['guarantee', day(year, '12-15'), day(year + 1, '12-15')],
    ['final_account', day(year + 1, '06-30'), day(year + 1, '06-30')],
  ];
  return Object.fromEntries(planned.map(([phase, start, end]): [Phase, Omit<PhaseDates, 'phase'>] => [phase, {
    plannedStart: start,
    plannedEnd: end,
    actualStart: start <= DEMO_AS_OF ? start : null,
    actualEnd: end <= DEMO_AS_OF ? end : null,
  }]));
}

/** Costs committed and paid as of DEMO_AS_OF: done years committed in full, paid as works progress. */
function costsFor(year: number, plannedCents: number) {
  if (year <= 2024) return { plannedCents, committedCents: plannedCents, paidCents: Math.round(plannedCents * 0.9) };
  if (year === 2025) return { plannedCents, committedCents: plannedCents, paidCents: Math.round(plannedCents * 0.3) };
  return { plannedCents, committedCents: 0, paidCents: 0 };
}

const groupBy = <T, K>(items: readonly T[], key: (item: T) => K) => {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

/** Splits `total` cents across `weights` in proportion, the remainder to the last: the parts sum exactly to the total. */
export function splitCents(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((weight) => Math.floor((total * weight) / sum));
  parts[parts.length - 1]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

function base(externalId: string, name: string, kind: OperationKind, year: number, dwellingIds: number[], plannedCents: number): OperationInput & { externalId: string } {
  return {
    externalId, name, kind, plan: planOf(year), programmeYear: year, dwellingIds, endDate: day(year, '12-15'), ...costsFor(year, plannedCents),
    labelBefore: null, targetLabel: null, labelAfter: null, energyBefore: null, energyTarget: null, energyAfter: null, ghgBefore: null, phases: {},
  };
}

function energyRenovations(dwellings: readonly DemoDwelling[]): DemoOperation[] {
  const residences = [...groupBy(dwellings.filter((d) => isBad(d.energyClass)), (d) => d.residenceId).values()]
    .map((members) => ({ members, worst: members.map(banLabel).sort((a, b) => rankBad(a) - rankBad(b))[0]! }))
    .sort((a, b) => rankBad(a.worst) - rankBad(b.worst) || a.members[0]!.residenceId - b.members[0]!.residenceId);
  // Residences with a G dwelling all go in the first year (the G ban starts the next); the rest share the other years evenly.
  const size = (keep: (worst: 'E' | 'F' | 'G') => boolean) => residences.filter((r) => keep(r.worst)).reduce((sum, r) => sum + r.members.length, 0);
  const perYear = Math.ceil(size((worst) => worst !== 'G') / (LAST_YEAR - FIRST_YEAR));
  const load = new Map<number, number>();
  // Worst first, into the earliest year with room that still hands over before the class's ban.
  const yearFor = (last: number, dwellings: number) => {
    let year = FIRST_YEAR;
    while (year < last && (load.get(year) ?? 0) >= perYear) year++;
    load.set(year, (load.get(year) ?? 0) + dwellings);
    return year;
  };
  const operations = residences.map(({ members, worst }) => {
    const due = yearFor(LAST_BEFORE_BAN[worst], members.length);
    const first = members[0]!;
    const planned = members.reduce((sum, d) => sum + RENOVATION_COST[d.energyClass as 'E' | 'F' | 'G'], 0);
    const [energyBefore, ghgBefore] = ENERGY_BEFORE[worst];
    const input = {
      ...base(`REHA-${due}-${first.residenceId}`, `Réhabilitation énergétique — ${first.residenceName}`, 'energy_renovation', due, members.map((d) => d.id), planned),
      labelBefore: worst, targetLabel: 'C' as const, energyBefore, ghgBefore, energyTarget: ENERGY_TARGET,
      labelAfter: due <= 2024 ? ('C' as const) : null, energyAfter: due <= 2024 ? ENERGY_TARGET - 8 : null,
      phases: renovationPhases(due),
    };
    return { input, lines: [] as DemoLine[] };
  });
  const of2024 = operations.filter((operation) => operation.input.programmeYear === FIRST_YEAR);
  const departement2024 = splitCents(DEPARTEMENT_INVESTMENT_2024, of2024.map((operation) => operation.input.dwellingIds.length));
  for (const operation of operations) {
    const count = operation.input.dwellingIds.length;
    const done = operation.input.programmeYear <= 2025;
    const departement = operation.input.programmeYear === FIRST_YEAR
      ? { amountCents: departement2024[of2024.indexOf(operation)]!, status: 'paid' as const, conventionExternalId: APPLICATION_2024 }
      : { amountCents: count * DEPARTEMENT_INVESTMENT_PER_DWELLING, status: 'requested' as const, conventionExternalId: null };
    const lines: DemoLine[] = [
      { source: 'departement_investment', note: null, ...departement },
      { source: 'eco_pret', amountCents: count * ECO_PRET_PER_DWELLING, status: done ? 'paid' : 'requested', conventionExternalId: null, note: null },
      { source: 'cee', amountCents: count * CEE_PER_DWELLING, status: done ? 'committed' : 'requested', conventionExternalId: null, note: null },
    ];
    const financed = lines.reduce((sum, line) => sum + line.amountCents, 0);
    lines.push({ source: 'own_funds', amountCents: operation.input.plannedCents - financed, status: done ? 'committed' : 'requested', conventionExternalId: null, note: null });
    operation.lines = lines.filter((line) => line.amountCents > 0);
  }
  return operations;
}

/** Takes `count` dwellings from `pool` starting at `cursor`, wrapping around; returns them and the next cursor. */
function take<T>(pool: readonly T[], cursor: number, count: number): [T[], number] {
  const taken = Array.from({ length: Math.min(count, pool.length) }, (_, index) => pool[(cursor + index) % pool.length]!);
  return [taken, taken.length === 0 ? 0 : (cursor + taken.length) % pool.length];
}

function groupedOperations(
  dwellings: readonly DemoDwelling[], key: (d: DemoDwelling) => number, prefix: string, year: number, kind: OperationKind,
  name: (d: DemoDwelling) => string, costPerDwelling: number, lines: (count: number) => DemoLine[],
): DemoOperation[] {
  return [...groupBy(dwellings, key).values()].map((members) => ({
    input: { ...base(`${prefix}-${year}-${key(members[0]!)}`, name(members[0]!), kind, year, members.map((d) => d.id), members.length * costPerDwelling), phases: renovationPhases(year) },
    lines: lines(members.length),
  }));
}

export interface DemoProgramme {
  conventions: readonly DemoConvention[];
  operations: DemoOperation[];
}

export function generateDemoProgramme(dwellings: readonly DemoDwelling[]): DemoProgramme {
  const sorted = [...dwellings].sort((a, b) => a.id - b.id);
  const others = sorted.filter((d) => !isBad(d.energyClass));
  // Spread picks over the patrimony: a stride coprime with the pool size visits every dwelling once.
  const stride = [7, 11, 13, 17, 19].find((candidate) => others.length % candidate !== 0) ?? 1;
  const spread = others.map((_, index) => others[(index * stride) % others.length]!);
  const [vacant] = take(spread, 0, VACANT_REFURBISHMENTS);
  const rest = spread.slice(vacant.length);
  const operations = [
    ...energyRenovations(sorted),
    ...groupedOperations(vacant, (d) => d.directorateId, 'VAC', FIRST_YEAR, 'vacant_refurbishment',
      (d) => `Remise en état de logements vacants ${FIRST_YEAR} — ${d.directorateName}`, VACANT_COST, (count) => [
        { source: 'departement_operating', amountCents: count * DEPARTEMENT_VACANT_PER_DWELLING, status: 'paid', conventionExternalId: APPLICATION_2024, note: null },
        { source: 'own_funds', amountCents: count * (VACANT_COST - DEPARTEMENT_VACANT_PER_DWELLING), status: 'paid', conventionExternalId: null, note: null },
      ]),
  ];
  let cursor = 0;
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    let maintained: DemoDwelling[];
    [maintained, cursor] = take(rest, cursor, MAINTENANCE_PER_YEAR);
    operations.push(...groupedOperations(maintained, (d) => d.residenceId, 'ENT', year, 'maintenance', (d) => `Entretien ${year} — ${d.residenceName}`, MAINTENANCE_COST,
      (count) => year === FIRST_YEAR
        ? [{ source: 'own_funds', amountCents: count * MAINTENANCE_COST, status: 'paid', conventionExternalId: null, note: null }]
        : [
          { source: 'departement_operating', amountCents: count * DEPARTEMENT_MAINTENANCE_PER_DWELLING, status: 'requested', conventionExternalId: null, note: null },
          { source: 'own_funds', amountCents: count * (MAINTENANCE_COST - DEPARTEMENT_MAINTENANCE_PER_DWELLING), status: year === 2025 ? 'committed' : 'requested', conventionExternalId: null, note: null },
        ]));
    let adapted: DemoDwelling[];
    [adapted, cursor] = take(rest, cursor, adaptationsIn(year));
    operations.push(...groupedOperations(adapted, (d) => d.directorateId, 'ADA', year, 'adaptation', (d) => `Adaptations ${year} — ${d.directorateName}`, ADAPTATION_COST,
      (count) => [{ source: 'own_funds', amountCents: count * ADAPTATION_COST, status: year <= 2025 ? 'committed' : 'requested', conventionExternalId: null, note: null }]));
  }
  return { conventions: DEMO_CONVENTIONS, operations };
}
