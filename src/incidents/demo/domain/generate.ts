import { Random } from '../../../patrimony/demo/domain/random.js';
import { addMonths } from '../../../observatory/domain/months.js';
import type { ActionKind, LegalOutcome } from '../../domain/actions.js';
import { parisLocalInstant } from '../../domain/occurrence.js';
import type { Channel, Family, PerpetratorStatus, Severity, Victim } from '../../domain/vocabulary.js';
import type { Outcome, Status } from '../../domain/workflow.js';
import { CATEGORY_PROFILES, escalate, HOURS_BY_FAMILY, WEEKDAYS_BY_FAMILY, type CategoryProfile } from './profiles.js';

/**
 * Ten years of believable incidents for a landlord's patrimony, deterministic for a seed: the
 * same places, seed and last month always give the same incidents. Pure: places in, incidents out.
 */
export interface DemoPlace {
  /** Null for a house (a building without entrances). */
  entranceId: number | null;
  buildingId: number;
  residenceId: number;
  agencyId: number;
  lon: number;
  lat: number;
  dwellings: number;
  qpv: boolean;
  communeName: string;
}

export interface DemoCategory {
  code: string;
  family: Family;
  labelFr: string;
  defaultSeverity: Severity;
}

export interface DemoIncidentOptions {
  seed: number;
  /** Incidents are generated up to this instant, over `years` years ending with its month. */
  until: Date;
  years: number;
  /** Incidents per 100 dwellings in the first year, before seasons and trends. */
  ratePer100Dwellings: number;
  /** Multiplies every frequency (the benchmark raises it). */
  scale: number;
}

export interface DemoAction {
  kind: ActionKind;
  date: string;
  policeStation: string | null;
  legalOutcome: LegalOutcome | null;
}

export interface DemoStatusChange {
  at: Date;
  before: Status | null;
  after: Status;
}

export interface DemoIncident {
  externalId: string;
  place: DemoPlace;
  occurredAt: Date;
  timeUnknown: boolean;
  recordedAt: Date;
  channel: Channel;
  category: DemoCategory;
  severity: Severity;
  description: string;
  victims: Victim[];
  perpetrator: PerpetratorStatus;
  estimatedCost: number | null;
  actualCost: number | null;
  status: Status;
  outcome: Outcome | null;
  history: DemoStatusChange[];
  actions: DemoAction[];
}

export const DEMO_INCIDENT_DEFAULTS = { years: 10, ratePer100Dwellings: 2.2, scale: 1 } as const;

/** How much likelier an incident is in a planted hot residence, and how many are planted. */
const HOT_RESIDENCE_FACTOR = 6;
const HOT_RESIDENCES = 4;
const HOT_SURROUNDINGS_FACTOR = 3;
const HOT_SURROUNDINGS_METRES = 500;
/** Dwellings of other residences within HOT_SURROUNDINGS_METRES for a residence to count as in a dense neighbourhood. */
const HOT_MIN_NEIGHBOURS = 600;
const HOT_MIN_DWELLINGS = 300;
const QPV_FACTOR = 2.2;
const HOUSE_FACTOR = 0.35;
/** Overall growth of the facts recorded each year (better reporting). */
const REPORTING_GROWTH = 0.03;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The persistent hot residences planted in the demo: among the large collective residences of
 * dense neighbourhoods (a hot spot stands out against its surroundings), a few drawn with the seed.
 */
export function plantedHotResidences(places: readonly DemoPlace[], seed: number): number[] {
  const centres = residenceCentres(places);
  const large = [...centres.values()].filter((centre) => centre.collectiveDwellings >= HOT_MIN_DWELLINGS);
  const dense = large.filter((centre) => {
    const around = places.filter((place) => place.residenceId !== centre.residenceId && metres(place, centre) <= HOT_SURROUNDINGS_METRES);
    return around.reduce((sum, place) => sum + place.dwellings, 0) >= HOT_MIN_NEIGHBOURS;
  });
  const candidates = dense.map((centre) => centre.residenceId).sort((a, b) => a - b);
  const random = new Random(seed ^ 0x5eed);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(HOT_RESIDENCES, candidates.length)) chosen.add(random.pick(candidates));
  return [...chosen].sort((a, b) => a - b);
}

interface ResidenceCentre {
  residenceId: number;
  lon: number;
  lat: number;
  collectiveDwellings: number;
}

function residenceCentres(places: readonly DemoPlace[]): Map<number, ResidenceCentre> {
  const sums = new Map<number, { lon: number; lat: number; count: number; collective: number }>();
  for (const place of places) {
    const sum = sums.get(place.residenceId) ?? { lon: 0, lat: 0, count: 0, collective: 0 };
    sum.lon += place.lon;
    sum.lat += place.lat;
    sum.count++;
    if (place.entranceId !== null) sum.collective += place.dwellings;
    sums.set(place.residenceId, sum);
  }
  return new Map([...sums].map(([residenceId, sum]) => [residenceId, { residenceId, lon: sum.lon / sum.count, lat: sum.lat / sum.count, collectiveDwellings: sum.collective }]));
}

/** Approximate ground distance in metres (equirectangular: fine at the scale of a town). */
const metres = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
  Math.hypot((a.lon - b.lon) * 111_320 * Math.cos((a.lat * Math.PI) / 180), (a.lat - b.lat) * 110_574);

/**
 * How much likelier incidents are at a place: most in a planted residence, less in the streets
 * around it (a hot spot is an area: trafficking and its nuisances spill over), else 1.
 */
function hotFactors(places: readonly DemoPlace[], planted: readonly number[]): (place: DemoPlace) => number {
  const all = residenceCentres(places);
  const centres = planted.map((residence) => all.get(residence)!);
  return (place) => {
    if (planted.includes(place.residenceId)) return HOT_RESIDENCE_FACTOR;
    return centres.some((centre) => metres(place, centre) <= HOT_SURROUNDINGS_METRES) ? HOT_SURROUNDINGS_FACTOR : 1;
  };
}

/** Weighted draws over places, by cumulative weights and binary search. */
class PlacePicker {
  private readonly cumulative: Float64Array;

  constructor(private readonly places: readonly DemoPlace[], weight: (place: DemoPlace) => number) {
    this.cumulative = new Float64Array(places.length);
    let total = 0;
    places.forEach((place, i) => (this.cumulative[i] = total += weight(place)));
  }

  pick(random: Random): DemoPlace {
    const target = random.float() * this.cumulative[this.cumulative.length - 1]!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return this.places[low]!;
  }
}

const CHANNELS: readonly (readonly [Channel, number])[] = [['caretaker', 45], ['tenant', 25], ['phone', 15], ['patrol', 7], ['police', 4], ['email', 4]];
const OUTCOMES: readonly (readonly [Outcome, number])[] = [['resolved', 80], ['no_further_action', 20]];
const LEGAL: readonly (readonly [LegalOutcome, number])[] = [['dismissed', 45], ['alternative_measure', 20], ['caution', 10], ['conviction', 20], ['acquittal', 5]];
const ITT: Record<string, Victim['ittClass']> = { 'E.ITT_UP_TO_8': 'itt_up_to_8_days', 'E.ITT_OVER_8_OR_WEAPON': 'itt_over_8_days', 'F.SERIOUS_VIOLENCE': 'itt_over_8_days', 'F.VIOLENCE': 'itt_up_to_8_days' };
const COMPLAINT_SHARE: Partial<Record<Family, number>> = { C: 0.12, D: 0.25, E: 0.55, F: 0.45 };

const day = (at: Date) => at.toISOString().slice(0, 10);
const money = (value: number) => Math.round(value * 100) / 100;

export function* generateDemoIncidents(
  places: readonly DemoPlace[], categories: readonly DemoCategory[], options: DemoIncidentOptions,
): Generator<DemoIncident> {
  const random = new Random(options.seed);
  const heat = hotFactors(places, plantedHotResidences(places, options.seed));
  const weight = (place: DemoPlace) =>
    place.dwellings * (place.qpv ? QPV_FACTOR : 1) * (place.entranceId === null ? HOUSE_FACTOR : 1) * heat(place);
  const anywhere = new PlacePicker(places, weight);
  const collective = new PlacePicker(places.filter((place) => place.entranceId !== null), weight);
  const byCode = new Map(categories.map((category) => [category.code, category]));
  const profiles = CATEGORY_PROFILES.filter((profile) => byCode.has(profile.code));
  const totalWeight = profiles.reduce((sum, profile) => sum + profile.weight, 0);
  const dwellings = places.reduce((sum, place) => sum + place.dwellings, 0);
  const monthlyBase = (dwellings * options.ratePer100Dwellings * options.scale) / 100 / 12;
  const lastMonth = options.until.toISOString().slice(0, 7);
  const months = options.years * 12;
  // Other seeds or scales draw other incidents: their own external ids, so each load stays idempotent.
  const prefix = `DEMO-${options.seed}-${options.scale}-`;
  let serial = 0;
  for (let index = 0; index < months; index++) {
    const month = addMonths(lastMonth, index - months + 1);
    const year = Math.floor(index / 12);
    const calendarMonth = Number(month.slice(5, 7)) - 1;
    for (const profile of profiles) {
      const expected = monthlyBase * (profile.weight / totalWeight) * (profile.season?.[calendarMonth] ?? 1)
        * (1 + (profile.growth ?? 0)) ** year * (1 + REPORTING_GROWTH) ** year;
      const count = Math.floor(expected + random.float());
      for (let k = 0; k < count; k++) {
        const place = (profile.collectiveOnly ? collective : anywhere).pick(random);
        const incident = drawIncident(random, profile, byCode.get(profile.code)!, place, month, options.until, `${prefix}${++serial}`);
        if (incident) yield incident;
      }
    }
  }
}

function drawIncident(random: Random, profile: CategoryProfile, category: DemoCategory, place: DemoPlace, month: string, until: Date, externalId: string): DemoIncident | null {
  const family = category.family;
  const timeUnknown = (family === 'A' || family === 'D') && random.chance(0.08);
  const occurredAt = drawInstant(random, family, month, timeUnknown);
  const recordedAt = new Date(occurredAt.getTime() + random.between(0.2, family === 'E' ? 8 : 36) * HOUR);
  if (recordedAt > until) return null;
  const severity = escalate(category.defaultSeverity, random.float());
  const estimatedCost = profile.cost ? money(random.between(profile.cost[0], profile.cost[1])) : null;
  const age = until.getTime() - recordedAt.getTime();
  const handlingDays = Math.min(Math.exp(random.between(Math.log(0.5), Math.log(family === 'D' ? 60 : 25))), 180);
  const closedAt = new Date(recordedAt.getTime() + handlingDays * DAY);
  const closed = closedAt < until && (age > 45 * DAY || random.chance(0.5));
  const history: DemoStatusChange[] = [{ at: recordedAt, before: null, after: 'recorded' }];
  const qualifiedAt = new Date(recordedAt.getTime() + Math.min(random.between(0.5, 48) * HOUR, handlingDays * DAY / 2));
  if (closed || (qualifiedAt < until && random.chance(0.7))) history.push({ at: qualifiedAt, before: 'recorded', after: 'qualified' });
  if (!closed && history.length === 2 && random.chance(0.6)) history.push({ at: new Date(Math.min(qualifiedAt.getTime() + DAY, until.getTime())), before: 'qualified', after: 'in_progress' });
  if (closed) history.push({ at: closedAt, before: 'qualified', after: 'closed' });
  const status = history.at(-1)!.after;
  return {
    externalId,
    place,
    occurredAt,
    timeUnknown,
    recordedAt,
    channel: family === 'E' ? 'caretaker' : random.weighted(CHANNELS),
    category,
    severity,
    description: `${category.labelFr} — constaté sur place (données de démonstration)`,
    victims: victimsOf(random, category),
    perpetrator: random.weighted([['not_identified', 65], ['identified', 20], ['tenant', 15]] as const),
    estimatedCost,
    actualCost: closed && estimatedCost !== null ? money(estimatedCost * random.between(0.7, 1.3)) : null,
    status,
    outcome: closed ? random.weighted(OUTCOMES) : null,
    history,
    actions: actionsOf(random, category, place, recordedAt, until),
  };
}

/** A wall-clock time in Paris drawn with the family's weekday and hour profiles. */
function drawInstant(random: Random, family: Family, month: string, timeUnknown: boolean): Date {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const weekdays = WEEKDAYS_BY_FAMILY[family];
  const busiest = Math.max(...weekdays);
  let dayOfMonth: number;
  do dayOfMonth = random.int(1, days);
  while (random.float() * busiest > weekdays[(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, dayOfMonth)).getUTCDay() + 6) % 7]!);
  const date = `${month}-${String(dayOfMonth).padStart(2, '0')}`;
  if (timeUnknown) return parisLocalInstant(date, '00:00');
  const hour = random.weighted(HOURS_BY_FAMILY[family].map((weight, h) => [h, weight] as const));
  return parisLocalInstant(date, `${String(hour).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`);
}

function victimsOf(random: Random, category: DemoCategory): Victim[] {
  if (category.family === 'E') {
    const ittClass = ITT[category.code] ?? (category.code === 'E.VIOLENCE' ? 'no_itt' : null);
    return [{ role: random.chance(0.85) ? 'landlord_staff' : 'contractor_staff', ittClass: ittClass ?? 'no_itt' }];
  }
  if (category.family === 'F') return [{ role: random.chance(0.7) ? 'tenant' : 'third_party', ittClass: ITT[category.code] ?? 'no_itt' }];
  return [];
}

/** The graduated response: complaints (most often for attacks on staff), support, reminders; never after `until`. */
function actionsOf(random: Random, category: DemoCategory, place: DemoPlace, recordedAt: Date, until: Date): DemoAction[] {
  const actions: DemoAction[] = [];
  const at = (days: number) => {
    const date = new Date(recordedAt.getTime() + days * DAY);
    return date < until ? day(date) : null;
  };
  const add = (kind: ActionKind, days: number, extra: Partial<DemoAction> = {}) => {
    const date = at(days);
    if (date) actions.push({ kind, date, policeStation: null, legalOutcome: null, ...extra });
    return date !== null;
  };
  const family = category.family;
  const severe = category.defaultSeverity >= 'G3';
  if (random.chance((COMPLAINT_SHARE[family] ?? 0) * (severe ? 1.5 : 1))) {
    const filed = add(family === 'E' && random.chance(0.4) ? 'accompanied_complaint' : 'complaint_filed', random.between(0, 4), { policeStation: `Commissariat de ${place.communeName}` });
    if (filed && random.chance(0.35)) add('legal_outcome', random.between(90, 400), { legalOutcome: random.weighted(LEGAL) });
  }
  if (family === 'E') {
    if (random.chance(0.5)) add('hr_support', random.between(0, 3));
    if (random.chance(0.3)) add('victim_support', random.between(1, 10));
  }
  if (family === 'B' && random.chance(0.3)) {
    add('lease_rules_reminder', random.between(2, 15));
    if (random.chance(0.25)) add('formal_notice', random.between(20, 60));
  }
  if (family === 'C' && random.chance(0.2)) add('clspd_report', random.between(5, 30));
  return actions;
}
