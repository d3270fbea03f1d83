/**
 * Statistical secrecy for partners (mayors, police, local security councils): counts of 1 to 4
 * are not published ("< 5", primary suppression), and further cells are hidden ("s", secondary
 * suppression) wherever a published total would let one recompute a hidden cell exactly — the
 * practice of the French official statistics' secret statistique and of Eurostat's handbook on
 * statistical disclosure control (docs/observatory.md). Zero is shown: it discloses no one.
 */
export const THRESHOLD = 5;
export const SMALL = '< 5';
export const SECRET = 's';
export type Hidden = typeof SMALL | typeof SECRET;
/** A published figure: the value, or why it is hidden. */
export type Figure = number | Hidden;

export type Mark = 'shown' | 'small' | 'secret';

export const isSmall = (count: number) => count > 0 && count < THRESHOLD;
export const primaryMark = (count: number): Mark => (isSmall(count) ? 'small' : 'shown');

/** What a reader knows of a hidden cell: small ones lie in 1–4, secret ones (never small, never 0) in 5–∞. */
const bounds = (mark: Mark): [number, number] => (mark === 'small' ? [1, THRESHOLD - 1] : [THRESHOLD, Infinity]);

/**
 * True when, knowing the sum of the hidden cells and each one's bounds, none of them can be
 * pinned to a single value (the interval a reader can deduce for each keeps a width of 1 or more).
 */
export function hiddenCellsAreSafe(hidden: readonly { value: number; mark: Mark }[]): boolean {
  const sum = hidden.reduce((total, cell) => total + cell.value, 0);
  return hidden.every((cell, index) => {
    const others = hidden.filter((_, other) => other !== index).map((other) => bounds(other.mark));
    const [low, high] = bounds(cell.mark);
    const least = Math.max(low, sum - others.reduce((total, [, most]) => total + most, 0));
    const most = Math.min(high, sum - others.reduce((total, [fewest]) => total + fewest, 0));
    return most - least >= 1;
  });
}

export interface GroupMarks {
  cells: Mark[];
  /** The cells cannot be protected while the total is published: the total must be hidden too. */
  totalMustHide: boolean;
}

/**
 * The marks of a group of cells that add up to a total. With the total published, secondary
 * cells are hidden until no hidden cell can be recomputed: the smallest visible cell that makes
 * the group safe, else the largest (the widest uncertainty), and again. With the total hidden,
 * one hidden cell suffices to keep the total itself from being recomputed. `already` carries
 * the marks another group sharing these cells gave them.
 */
export function suppressGroup(values: readonly number[], totalHidden: boolean, already: readonly Mark[] = []): GroupMarks {
  const cells = values.map((value, index) => (already[index] && already[index] !== 'shown' ? already[index]! : primaryMark(value)));
  const hiddenCells = () => values.flatMap((value, index) => (cells[index] === 'shown' || value === 0 ? [] : [{ value, mark: cells[index]! }]));
  const visible = () => values.map((value, index) => ({ value, index })).filter(({ value, index }) => cells[index] === 'shown' && value > 0).sort((a, b) => a.value - b.value || a.index - b.index);
  if (totalHidden) {
    const [smallest] = visible();
    if (hiddenCells().length === 0 && smallest) cells[smallest.index] = 'secret';
    return { cells, totalMustHide: false };
  }
  while (hiddenCells().length > 0 && !hiddenCellsAreSafe(hiddenCells())) {
    const candidates = visible();
    if (candidates.length === 0) return { cells, totalMustHide: true };
    const safe = candidates.find(({ value }) => hiddenCellsAreSafe([...hiddenCells(), { value, mark: 'secret' }]));
    cells[(safe ?? candidates[candidates.length - 1]!).index] = 'secret';
  }
  return { cells, totalMustHide: false };
}

/** The figure a mark publishes. */
export const figure = (value: number, mark: Mark): Figure => (mark === 'small' ? SMALL : mark === 'secret' ? SECRET : value);

/** A figure derived from hidden counts (a rate, a cost, a share) is hidden with them. */
export const derived = <T>(value: T, mark: Mark): T | Hidden => (mark === 'shown' ? value : SECRET);
