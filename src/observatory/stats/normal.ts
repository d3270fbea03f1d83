/**
 * Standard normal tail probabilities.
 *
 * `erfc` is the Chebyshev fit of Numerical Recipes (Press et al., 2nd ed., §6.2, `erfcc`),
 * fractional error below 1.2e-7 everywhere: ample for p-values that are compared with 0.10,
 * 0.05 and 0.01, and it keeps precision in the far tail where `1 - cdf` would cancel.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(polynomial);
  return x >= 0 ? value : 2 - value;
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Two-sided p-value of a z-score: P(|Z| >= |z|). NaN stays NaN. */
export function twoSidedP(z: number): number {
  return Number.isNaN(z) ? Number.NaN : Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}
