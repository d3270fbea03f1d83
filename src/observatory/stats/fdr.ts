/**
 * Benjamini–Hochberg step-up procedure controlling the false discovery rate at level q
 * (Benjamini & Hochberg, 1995, JRSS B 57(1), 289–300): with the m p-values sorted,
 * p(1) ≤ … ≤ p(m), reject the k smallest where k is the largest i with p(i) ≤ i q / m.
 * NaN p-values (units without a statistic) are neither counted nor rejected.
 */
export interface FdrResult {
  rejected: Uint8Array;
  /** The largest rejected p-value, 0 when nothing is rejected. */
  threshold: number;
  /** BH-adjusted p-values (q-values): min over j ≥ i of m p(j) / j, capped at 1. */
  adjusted: Float64Array;
}

export function benjaminiHochberg(pValues: ArrayLike<number>, q: number): FdrResult {
  const order: number[] = [];
  for (let i = 0; i < pValues.length; i++) if (!Number.isNaN(pValues[i]!)) order.push(i);
  order.sort((a, b) => pValues[a]! - pValues[b]!);
  const m = order.length;
  let threshold = 0;
  order.forEach((index, rank) => {
    if (pValues[index]! <= ((rank + 1) * q) / m) threshold = pValues[index]!;
  });
  const rejected = new Uint8Array(pValues.length);
  const adjusted = new Float64Array(pValues.length).fill(Number.NaN);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank]!;
    running = Math.min(running, (m * pValues[index]!) / (rank + 1));
    adjusted[index] = running;
    if (m > 0 && pValues[index]! <= threshold && threshold > 0) rejected[index] = 1;
  }
  return { rejected, threshold, adjusted };
}

/**
 * Hot/cold spot confidence bins as ArcGIS "Hot Spot Analysis" reports them (Gi_Bin): ±3 for
 * 99 % confidence, ±2 for 95 %, ±1 for 90 %, 0 not significant; the sign is the sign of z.
 * With `fdr`, each level's significance comes from Benjamini–Hochberg at that level's α
 * (ArcGIS "Apply False Discovery Rate (FDR) Correction"), so fewer units pass by chance alone.
 */
export const confidenceLevels = [
  { bin: 3, alpha: 0.01 },
  { bin: 2, alpha: 0.05 },
  { bin: 1, alpha: 0.1 },
] as const;

export function hotspotBins(z: ArrayLike<number>, p: ArrayLike<number>, { fdr }: { fdr: boolean }): Int8Array {
  const bins = new Int8Array(z.length);
  for (const { bin, alpha } of [...confidenceLevels].reverse()) {
    const significant = fdr ? benjaminiHochberg(p, alpha).rejected : null;
    for (let i = 0; i < z.length; i++) {
      const passes = significant ? significant[i] === 1 : p[i]! < alpha;
      if (passes && z[i] !== 0) bins[i] = z[i]! > 0 ? bin : -bin;
    }
  }
  return bins;
}
