/**
 * Band bounds as the reader types them ("0, 100, 200, inf") and the half-open intervals they
 * mean, labelled as the engine counts them: [0, 100) holds 0 up to but not including 100.
 */
export type Bound = number | 'inf';

/** The bounds of a typed list, or null when it is not a list of at least two increasing numbers (the last may be "inf"). */
export function parseBounds(text: string): Bound[] | null {
  const parts = text.split(/[;,\s]+/).filter(Boolean);
  const bounds: Bound[] = parts.map((part) => (/^(inf|∞)$/i.test(part) ? 'inf' : Number(part.replace(',', '.'))));
  const numbers = bounds.map((bound) => (bound === 'inf' ? Infinity : bound));
  const valid = bounds.length >= 2
    && numbers.every((value, i) => !Number.isNaN(value) && value >= 0 && (i === 0 || value > numbers[i - 1]!))
    && !bounds.slice(0, -1).includes('inf');
  return valid ? bounds : null;
}

/** "[0, 100) m" for each band of the bounds. */
export function bandLabels(bounds: readonly Bound[], unit: string, format: (value: number) => string = String): string[] {
  const text = (bound: Bound) => (bound === 'inf' ? '∞' : format(bound));
  return bounds.slice(0, -1).map((from, i) => `[${text(from)}, ${text(bounds[i + 1]!)}) ${unit}`);
}
