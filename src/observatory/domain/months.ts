/**
 * Months as 'YYYY-MM' strings: roll-ups are monthly, so every period of the observatory is a
 * whole number of months, both ends included.
 */
export interface MonthRange {
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function ordinal(month: string): number {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function fromOrdinal(value: number): string {
  return `${String(Math.floor(value / 12)).padStart(4, '0')}-${String((value % 12) + 1).padStart(2, '0')}`;
}

export const addMonths = (month: string, count: number): string => fromOrdinal(ordinal(month) + count);

export const monthsBetween = (range: MonthRange): number => ordinal(range.to) - ordinal(range.from) + 1;

/** Every month of the range, in order. */
export function monthsOf(range: MonthRange): string[] {
  return Array.from({ length: monthsBetween(range) }, (_, i) => addMonths(range.from, i));
}

export const inRange = (month: string, range: MonthRange): boolean => month >= range.from && month <= range.to;

/** The period compared with: the same number of months just before, and the same months a year earlier. */
export function comparedPeriods(current: MonthRange): { current: MonthRange; previous: MonthRange; lastYear: MonthRange } {
  const length = monthsBetween(current);
  return {
    current,
    previous: { from: addMonths(current.from, -length), to: addMonths(current.from, -1) },
    lastYear: { from: addMonths(current.from, -12), to: addMonths(current.to, -12) },
  };
}

/** The last three months of a period (a quarter) and the three before: hall levels and their change. */
export function quarters(current: MonthRange): { quarter: MonthRange; previousQuarter: MonthRange } {
  return {
    quarter: { from: addMonths(current.to, -2), to: current.to },
    previousQuarter: { from: addMonths(current.to, -5), to: addMonths(current.to, -3) },
  };
}

/** The month of a date in Paris time, the zone the roll-ups are kept in. */
export function parisMonth(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(at);
  return parts.slice(0, 7);
}
