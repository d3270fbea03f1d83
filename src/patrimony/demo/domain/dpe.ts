/** Energy performance diagnoses (DPE) with exact class totals, worst labels on the worst stock. */

export const DPE_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type DpeClass = (typeof DPE_CLASSES)[number];

/** Exact numbers of dwellings labelled G, F and E in the demo. */
export const DPE_EXACT_COUNTS = { G: 205, F: 1_260, E: 8_780 } as const;

/** How the dwellings labelled A to D split, from the best (A) up. */
const BETTER_CLASS_SHARES: readonly (readonly [DpeClass, number])[] = [['A', 0.02], ['B', 0.1], ['C', 0.36], ['D', 0.52]];

/**
 * Expected energy consumption rank of a dwelling: higher is worse. Driven by the period of
 * construction, then by houses (more walls to the outside), top and ground floors, and
 * whether the building had a thermal renovation.
 */
export function energyBadness(year: number, individual: boolean, exposedFloor: boolean, renovated: boolean, noise: number): number {
  const period = year < 1949 ? 5.6 : year < 1975 ? 5.0 : year < 1989 ? 4.1 : year < 2001 ? 3.3 : year < 2013 ? 2.4 : 1.3;
  return period + (individual ? 0.4 : 0) + (exposedFloor ? 0.25 : 0) - (renovated ? 1.3 : 0) + noise;
}

/**
 * Labels dwellings by rank of badness: the worst 205 get G, the next 1,260 F, the next 8,780 E,
 * and the rest A to D in fixed shares. Ties keep the input order, so the result is stable.
 */
export function assignDpeClasses(badness: readonly number[]): DpeClass[] {
  const worstFirst = badness.map((value, index) => ({ value, index })).sort((a, b) => b.value - a.value || a.index - b.index);
  const labels = new Array<DpeClass>(badness.length);
  const better = badness.length - DPE_EXACT_COUNTS.G - DPE_EXACT_COUNTS.F - DPE_EXACT_COUNTS.E;
  if (better < 0) throw new Error(`Too few dwellings (${badness.length}) for the exact DPE counts`);
  const bands: [DpeClass, number][] = [['G', DPE_EXACT_COUNTS.G], ['F', DPE_EXACT_COUNTS.F], ['E', DPE_EXACT_COUNTS.E]];
  let assigned = 0;
  for (const [label, share] of [...BETTER_CLASS_SHARES].reverse()) {
    const count = label === 'A' ? better - assigned : Math.round(better * share);
    bands.push([label, count]);
    assigned += count;
  }
  let position = 0;
  for (const [label, count] of bands) {
    for (let i = 0; i < count; i++) labels[worstFirst[position++]!.index] = label;
  }
  return labels;
}

/** The greenhouse-gas label, a few classes better or worse than the energy one depending on the heating. */
export function ghgClass(energy: DpeClass, offset: number): DpeClass {
  const index = Math.min(DPE_CLASSES.length - 1, Math.max(0, DPE_CLASSES.indexOf(energy) + offset));
  return DPE_CLASSES[index]!;
}
