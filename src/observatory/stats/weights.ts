import KDBush from 'kdbush';

/**
 * Binary spatial weights in compressed sparse rows: the neighbours of unit `i` are
 * `indices[offsets[i] .. offsets[i + 1])`, each with weight 1. Gi* needs each unit in its own
 * neighbourhood (Getis & Ord, 1992/1995), so the builders below include `i` itself.
 */
export interface Neighbours {
  offsets: Int32Array;
  indices: Int32Array;
}

/** Planar coordinates in metres (Lambert-93 for Vigie), one entry per unit. */
export interface Points {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

function buildIndex(points: Points): KDBush {
  const index = new KDBush(points.x.length);
  for (let i = 0; i < points.x.length; i++) index.add(points.x[i]!, points.y[i]!);
  return index.finish();
}

function toRows(rows: number[][]): Neighbours {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (offsets[i + 1] = offsets[i]! + row.length));
  const indices = new Int32Array(offsets[rows.length]!);
  rows.forEach((row, i) => indices.set(row, offsets[i]!));
  return { offsets, indices };
}

/** Fixed distance band: every unit whose centre lies at a distance <= `threshold` metres, self included. */
export function distanceBandNeighbours(points: Points, threshold: number): Neighbours {
  const index = buildIndex(points);
  const rows: number[][] = [];
  for (let i = 0; i < points.x.length; i++) rows.push(index.within(points.x[i]!, points.y[i]!, threshold).sort((a, b) => a - b));
  return toRows(rows);
}

/**
 * The `k` nearest other units plus the unit itself (ties broken by input order, so the result is
 * deterministic). The search radius starts from the mean density and doubles until enough units
 * are found.
 */
export function kNearestNeighbours(points: Points, k: number): Neighbours {
  const n = points.x.length;
  const wanted = Math.min(k + 1, n);
  const index = buildIndex(points);
  const radius = initialRadius(points, wanted);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const px = points.x[i]!;
    const py = points.y[i]!;
    let r = radius;
    let found = index.within(px, py, r);
    while (found.length < wanted) found = index.within(px, py, (r *= 2));
    const squared = (j: number) => (points.x[j]! - px) ** 2 + (points.y[j]! - py) ** 2;
    const nearest = found
      .filter((j) => j !== i)
      .sort((a, b) => squared(a) - squared(b) || a - b)
      .slice(0, wanted - 1);
    rows.push([i, ...nearest].sort((a, b) => a - b));
  }
  return toRows(rows);
}

function initialRadius(points: Points, wanted: number): number {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < points.x.length; i++) {
    minX = Math.min(minX, points.x[i]!);
    maxX = Math.max(maxX, points.x[i]!);
    minY = Math.min(minY, points.y[i]!);
    maxY = Math.max(maxY, points.y[i]!);
  }
  const area = Math.max((maxX - minX) * (maxY - minY), 1);
  return Math.max(Math.sqrt((area * wanted) / (Math.PI * points.x.length)), 1);
}
