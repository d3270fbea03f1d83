/** Calendar periods for time series: months, quarters or years, numbered consecutively (UTC). */
export type PeriodKind = 'month' | 'quarter' | 'year';

export const periodKinds: readonly PeriodKind[] = ['month', 'quarter', 'year'];

const DAY = 86_400_000;

export function periodOf(day: number, kind: PeriodKind): number {
  const date = new Date(Math.floor(day) * DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (kind === 'year') return year;
  return kind === 'quarter' ? year * 4 + Math.floor(month / 3) : year * 12 + month;
}

export function periodLabel(period: number, kind: PeriodKind): string {
  if (kind === 'year') return String(period);
  if (kind === 'quarter') return `${Math.floor(period / 4)}-T${(period % 4) + 1}`;
  return `${Math.floor(period / 12)}-${String((period % 12) + 1).padStart(2, '0')}`;
}
