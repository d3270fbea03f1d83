/**
 * Splits `total` into integer shares proportional to `weights`, each at least its minimum
 * (largest-remainder method, ties to the lower index): the shares always sum to `total`.
 */
export function allocate(total: number, weights: readonly number[], minimums: readonly number[]): number[] {
  const floor = minimums.reduce((sum, minimum) => sum + minimum, 0);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (floor > total) throw new Error(`Minimum shares (${floor}) exceed the total (${total})`);
  if (weightSum <= 0) throw new Error('At least one weight must be positive');
  const rest = total - floor;
  const exact = weights.map((weight) => (rest * weight) / weightSum);
  const shares = exact.map((value, index) => minimums[index]! + Math.floor(value));
  let missing = total - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (missing === 0) break;
    shares[index]! += 1;
    missing -= 1;
  }
  return shares;
}
