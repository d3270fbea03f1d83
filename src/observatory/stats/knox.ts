import KDBush from 'kdbush';
import { bandIndex, pairDistance, runKnox, type DistanceMetric, type KnoxEvents, type KnoxOptions, type KnoxResult } from './knox-bands.js';

/**
 * Knox test for space-time interaction (Knox, 1964), in the near-repeat form of Johnson &
 * Bowers (2004), Ratcliffe's Near Repeat Calculator and the NearRepeat R package: a table of
 * event pairs by distance band × time band, each cell compared with its distribution when the
 * event times are permuted across events.
 *
 * Speed: distances do not change between permutations, so the pairs closer than the largest
 * finite distance bound are found once with a k-d tree (kdbush) and only their time gaps are
 * re-binned in each permutation. An open-ended last distance band [d, ∞) is obtained by
 * difference: the multiset of pairwise time gaps is the same under every permutation of times,
 * so each time band's total over all pairs is counted once from the sorted times. Pairs are
 * numbered in k-d tree order, so the times read together in the hot loop sit close in memory.
 */
export function knoxTest(events: KnoxEvents, options: KnoxOptions): KnoxResult {
  const metric = options.metric ?? 'euclidean';
  const bounds = options.distanceBands;
  const openEnded = bounds[bounds.length - 1] === Infinity;
  const listedRows = openEnded ? bounds.length - 2 : bounds.length - 1;
  const timeBounds = Float64Array.from(options.timeBands);
  const columns = timeBounds.length - 1;
  const columnOf = timeColumnLookup(timeBounds);
  let pairs: PairList | null = null;
  let columnTotals: Float64Array | null = null;
  // Row 0 holds listed pairs closer than the first bound, row r + 1 distance band r.
  const local = new Int32Array((listedRows + 1) * columns);
  const ordered = new Float64Array(events.t.length);
  return runKnox(events, options, (times, counts) => {
    pairs ??= closePairs(events, bounds, listedRows, metric);
    if (openEnded) columnTotals ??= pairsPerTimeBand(events.t, timeBounds);
    const { first, second, row, order } = pairs;
    for (let position = 0; position < order.length; position++) ordered[position] = times[order[position]!]!;
    local.fill(0);
    for (let k = 0; k < pairs.length; k++) {
      const column = columnOf(Math.abs(ordered[first[k]!]! - ordered[second[k]!]!));
      if (column >= 0) local[(row[k]! + 1) * columns + column]!++;
    }
    for (let column = 0; column < columns; column++) {
      let listed = local[column]!;
      for (let band = 0; band < listedRows; band++) {
        counts[band * columns + column] = local[(band + 1) * columns + column]!;
        listed += local[(band + 1) * columns + column]!;
      }
      if (columnTotals) counts[listedRows * columns + column] = columnTotals[column]! - listed;
    }
  });
}

/**
 * Time band of a gap. With whole-number bounds (days), gap < b ⇔ ⌊gap⌋ < b, so a table indexed
 * by whole days replaces the scan of the bounds in the hot loop.
 */
function timeColumnLookup(bounds: Float64Array): (gap: number) => number {
  const last = bounds[bounds.length - 1]!;
  const tableEnd = last === Infinity ? bounds[bounds.length - 2]! : last;
  if (!bounds.every((bound) => bound === Infinity || Number.isInteger(bound)) || tableEnd > 1e6) return (gap) => bandIndex(bounds, gap);
  const table = Int8Array.from({ length: tableEnd }, (_, gap) => bandIndex(bounds, gap));
  const beyond = last === Infinity ? bounds.length - 2 : -1;
  return (gap) => (gap < tableEnd ? table[Math.floor(gap)]! : beyond);
}

interface PairList {
  /** order[position] is the event at that position of the k-d tree; pairs hold positions. */
  order: Uint32Array | Uint16Array;
  length: number;
  first: Int32Array;
  second: Int32Array;
  /** Distance band of the pair, −1 when closer than the first bound. */
  row: Int8Array;
}

/** Each pair of events closer than bounds[listedRows], once, with its distance band. */
function closePairs(events: KnoxEvents, bounds: number[], listedRows: number, metric: DistanceMetric): PairList {
  const n = events.x.length;
  const radius = bounds[listedRows]!;
  const index = new KDBush(n);
  for (let i = 0; i < n; i++) index.add(events.x[i]!, events.y[i]!);
  index.finish();
  const order = index.ids;
  const positionOf = new Int32Array(n);
  order.forEach((event, position) => (positionOf[event] = position));
  let pairs: PairList = { order, length: 0, first: new Int32Array(1024), second: new Int32Array(1024), row: new Int8Array(1024) };
  for (let position = 0; position < n; position++) {
    const i = order[position]!;
    const x = events.x[i]!;
    const y = events.y[i]!;
    const candidates = metric === 'manhattan' ? index.range(x - radius, y - radius, x + radius, y + radius) : index.within(x, y, radius);
    for (const j of candidates) {
      if (positionOf[j]! <= position) continue;
      const distance = pairDistance(metric, events.x[j]! - x, events.y[j]! - y);
      if (distance >= radius) continue;
      if (pairs.length === pairs.first.length) pairs = grow(pairs);
      pairs.first[pairs.length] = position;
      pairs.second[pairs.length] = positionOf[j]!;
      pairs.row[pairs.length++] = bandIndex(bounds, distance);
    }
  }
  return pairs;
}

function grow(pairs: PairList): PairList {
  const capacity = pairs.first.length * 2;
  const first = new Int32Array(capacity);
  const second = new Int32Array(capacity);
  const row = new Int8Array(capacity);
  first.set(pairs.first);
  second.set(pairs.second);
  row.set(pairs.row);
  return { order: pairs.order, length: pairs.length, first, second, row };
}

/** Number of event pairs (all of them) in each half-open time band, by two pointers on sorted times. */
function pairsPerTimeBand(t: ArrayLike<number>, bounds: Float64Array): Float64Array {
  const sorted = Float64Array.from(t).sort();
  const n = sorted.length;
  const closerThan = (gap: number) => {
    if (gap === Infinity) return (n * (n - 1)) / 2;
    let pairs = 0;
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (j < i + 1) j = i + 1;
      while (j < n && sorted[j]! - sorted[i]! < gap) j++;
      pairs += j - i - 1;
    }
    return pairs;
  };
  const totals = new Float64Array(bounds.length - 1);
  for (let band = 0; band < totals.length; band++) totals[band] = closerThan(bounds[band + 1]!) - closerThan(bounds[band]!);
  return totals;
}
