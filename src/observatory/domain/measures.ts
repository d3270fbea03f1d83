/** What a roll-up row adds up, as the repository returns it (sums over counted incidents). */
export interface Measures {
  incidents: number;
  damageCost: number;
  withCost: number;
  withComplaint: number;
  /** Closed incidents whose closure time is known, and their hours from recording to closure. */
  handled: number;
  handlingHours: number;
  staffIttUnknown: number;
  staffIttNone: number;
  staffIttUpTo8: number;
  staffIttOver8: number;
}

export const MEASURE_KEYS = [
  'incidents', 'damageCost', 'withCost', 'withComplaint', 'handled', 'handlingHours',
  'staffIttUnknown', 'staffIttNone', 'staffIttUpTo8', 'staffIttOver8',
] as const satisfies readonly (keyof Measures)[];

export function emptyMeasures(): Measures {
  return Object.fromEntries(MEASURE_KEYS.map((key) => [key, 0])) as unknown as Measures;
}

/** Adds `row` into `total` (mutates and returns `total`). */
export function addMeasures(total: Measures, row: Measures): Measures {
  for (const key of MEASURE_KEYS) total[key] += row[key];
  return total;
}

export function sumMeasures(rows: Iterable<Measures>): Measures {
  const total = emptyMeasures();
  for (const row of rows) addMeasures(total, row);
  return total;
}

/** Sums rows by a key, keeping the first-seen order of keys. */
export function groupMeasures<R extends Measures, K>(rows: readonly R[], keyOf: (row: R) => K): Map<K, Measures> {
  const groups = new Map<K, Measures>();
  for (const row of rows) {
    const key = keyOf(row);
    let total = groups.get(key);
    if (!total) groups.set(key, (total = emptyMeasures()));
    addMeasures(total, row);
  }
  return groups;
}
