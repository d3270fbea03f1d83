import { validationError } from '../../core/errors.js';

/**
 * When an incident happened: an instant, a period (from … until), or only a day when the time
 * is unknown. Days are French civil days: a day alone is stored as midnight in Europe/Paris.
 */
export interface Occurrence {
  occurredAt: Date;
  occurredUntil: Date | null;
  timeUnknown: boolean;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Tolerated advance of a phone's clock over the server's. */
const CLOCK_SKEW_MS = 10 * 60 * 1000;

const paris = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' });

/** Offsets by UTC day, or by UTC hour on the days clocks change: Intl is slow enough to matter for imports. */
const offsetByDay = new Map<number, number | null>();
const offsetByHour = new Map<number, number>();
const HOUR_MS = 3_600_000;

function intlOffsetMinutes(instant: Date): number {
  const name = paris.formatToParts(instant).find((part) => part.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Minutes Paris is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: Date): number {
  const day = Math.floor(instant.getTime() / (24 * HOUR_MS));
  let offset = offsetByDay.get(day);
  if (offset === undefined) {
    // Clocks change at most once a day: the same offset at both ends means all day long.
    const first = intlOffsetMinutes(new Date(day * 24 * HOUR_MS));
    offset = first === intlOffsetMinutes(new Date((day + 1) * 24 * HOUR_MS - 1)) ? first : null;
    offsetByDay.set(day, offset);
  }
  if (offset !== null) return offset;
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let hourly = offsetByHour.get(hour);
  if (hourly === undefined) offsetByHour.set(hour, (hourly = intlOffsetMinutes(instant)));
  return hourly;
}

/** Midnight in Paris of a YYYY-MM-DD day (DST changes at 2–3 a.m., never around midnight). */
export function parisMidnight(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - parisOffsetMinutes(utcMidnight) * 60_000);
}

/**
 * The instant of a Paris wall-clock time (HH:MM[:SS]) on a day, summer time included; the hour
 * repeated when clocks go back is read as winter time.
 */
export function parisLocalInstant(day: string, time: string): Date {
  const wall = Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}Z`);
  const first = wall - parisOffsetMinutes(new Date(wall)) * 60_000;
  return new Date(wall - parisOffsetMinutes(new Date(first)) * 60_000);
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/;

/** Whether a YYYY-MM-DD day exists (31/02 does not), by arithmetic: imports check millions. */
function isCalendarDay(day: string): boolean {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const length = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && date >= 1 && date <= length;
}

/**
 * Reads a date as spreadsheets write them — `2024-03-05`, `05/03/2024`, either with a Paris
 * wall-clock time (`21:30`), or ISO 8601 with an offset — into the form `parseOccurrence`
 * takes (a day alone, or an ISO instant). Undefined when unreadable.
 */
export function normaliseDateTime(text: string): string | undefined {
  const match = WALL_CLOCK.exec(text.trim());
  if (!match) return Number.isNaN(Date.parse(text)) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? undefined : new Date(text).toISOString();
  const [, date, time] = match;
  const day = date!.includes('/') ? date!.split('/').reverse().join('-') : date!;
  if (!isCalendarDay(day)) return undefined;
  return time ? parisLocalInstant(day, time).toISOString() : day;
}

/** An instant as Paris wall-clock time, `YYYY-MM-DD HH:MM` — how spreadsheets show it and the import reads it. */
export function parisWallClock(instant: Date): string {
  return instant.toLocaleString('sv-SE', { timeZone: 'Europe/Paris', hour12: false }).slice(0, 16);
}

/** The Paris calendar day (YYYY-MM-DD) of an instant. */
export function parisDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(instant);
}

/**
 * `occurredAt` is an ISO date (time unknown) or date-time with offset; `occurredUntil`, for a
 * period, a date-time after it. Nothing may lie in the future.
 */
export function parseOccurrence(occurredAt: string, occurredUntil: string | null | undefined, now: Date): Occurrence {
  const timeUnknown = DATE_ONLY.test(occurredAt);
  const start = timeUnknown ? parisMidnight(occurredAt) : new Date(occurredAt);
  const end = occurredUntil ? new Date(occurredUntil) : null;
  const latest = now.getTime() + CLOCK_SKEW_MS;
  if (Number.isNaN(start.getTime()) || start.getTime() > latest) {
    throw validationError('Date des faits invalide / Invalid date of the facts', [{ field: 'occurredAt', message: 'Date passée attendue / A past date is expected' }]);
  }
  if (end && timeUnknown) {
    throw validationError('Période invalide / Invalid period', [{ field: 'occurredUntil', message: 'Une période se donne en dates et heures / A period needs dates with times' }]);
  }
  if (end && (Number.isNaN(end.getTime()) || end < start || end.getTime() > latest)) {
    throw validationError('Période invalide / Invalid period', [{ field: 'occurredUntil', message: 'Après le début et pas dans le futur / After the start and not in the future' }]);
  }
  return { occurredAt: start, occurredUntil: end, timeUnknown };
}
