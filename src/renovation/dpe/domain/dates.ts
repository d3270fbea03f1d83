/** Calendar arithmetic on ISO dates ('YYYY-MM-DD'), in UTC so that no time zone shifts a day. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date if it is a real calendar day in ISO form, else undefined. */
export function parseIsoDate(text: string): string | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? text : undefined;
}

function shift(isoDate: string, years: number, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + years, month - 1, day + days)).toISOString().slice(0, 10);
}

export const addYears = (isoDate: string, years: number) => shift(isoDate, years, 0);
export const addDays = (isoDate: string, days: number) => shift(isoDate, 0, days);

/** ISO dates compare as strings. */
export const minDate = (a: string, b: string) => (a <= b ? a : b);

export const yearOf = (isoDate: string) => Number(isoDate.slice(0, 4));
