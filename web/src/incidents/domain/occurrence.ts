const pad = (value: number) => String(value).padStart(2, '0');

/** YYYY-MM-DD of a moment in the phone's own time zone (what an `<input type="date">` holds). */
export const localDay = (moment: Date) => `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;

/** HH:MM of a moment in the phone's own time zone (what an `<input type="time">` holds). */
export const localTime = (moment: Date) => `${pad(moment.getHours())}:${pad(moment.getMinutes())}`;

/**
 * What the API expects for "when it happened": the day alone when the time is unknown, else
 * the instant with its offset, read in the phone's time zone.
 */
export function occurredAtOf(day: string, time: string, timeUnknown: boolean): string {
  if (timeUnknown || !time) return day;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(year, month - 1, date, hours, minutes).toISOString();
}
