import { giStarPermutationP } from '../stats/gistar-permutation.js';
import { discHalfWidths } from '../stats/gistar.js';
import { knoxTest } from '../stats/knox.js';
import type { DistanceMetric, KnoxResult } from '../stats/knox-bands.js';
import { distanceBandNeighbours, type Neighbours } from '../stats/weights.js';

/**
 * What a background job computes, as plain data a worker thread receives (structured clone) and
 * the engine it calls. Pure: the worker only relays progress and the answer.
 */
export interface NearRepeatTask {
  kind: 'near_repeat';
  /** Lambert-93 metres and days. */
  events: { x: Float64Array; y: Float64Array; t: Float64Array };
  distanceBands: number[];
  timeBands: number[];
  iterations: number;
  seed: number;
  metric: DistanceMetric;
}

/** Units of the hotspot analysis: buildings (points) or occupied cells of a grid (row-major ids). */
export type PermutationUnits =
  | { kind: 'points'; x: Float64Array; y: Float64Array }
  | { kind: 'cells'; columns: number; rows: number; cellSize: number; cells: Int32Array };

export interface HotspotPermutationTask {
  kind: 'hotspot_permutation';
  values: Float64Array;
  units: PermutationUnits;
  distance: number;
  permutations: number;
  seed: number;
}

export type Task = NearRepeatTask | HotspotPermutationTask;
export type TaskResult<T extends Task> = T extends NearRepeatTask ? KnoxResult : Float64Array;
export type Progress = (done: number, total: number) => void;

export function runTask<T extends Task>(task: T, onProgress?: Progress): TaskResult<T> {
  if (task.kind === 'near_repeat') {
    const { events, distanceBands, timeBands, iterations, seed, metric } = task;
    return knoxTest(events, { distanceBands, timeBands, iterations, seed, metric, onProgress }) as TaskResult<T>;
  }
  const neighbours = unitNeighbours(task.units, task.distance);
  return giStarPermutationP(task.values, neighbours, { permutations: task.permutations, seed: task.seed, onProgress }) as TaskResult<T>;
}

/** The neighbourhoods the analytic Gi* used: a distance band on building points, the grid's disc on cells. */
export function unitNeighbours(units: PermutationUnits, distance: number): Neighbours {
  if (units.kind === 'points') return distanceBandNeighbours(units, distance);
  const { columns, rows, cellSize, cells } = units;
  const unitOf = new Map<number, number>();
  cells.forEach((cell, unit) => unitOf.set(cell, unit));
  const widths = discHalfWidths(distance, cellSize);
  const radius = (widths.length - 1) / 2;
  const offsets = new Int32Array(cells.length + 1);
  const indices: number[] = [];
  cells.forEach((cell, unit) => {
    const row = Math.floor(cell / columns);
    const column = cell % columns;
    const found: number[] = [];
    for (let dy = -radius; dy <= radius; dy++) {
      const other = row + dy;
      if (other < 0 || other >= rows) continue;
      const halfWidth = widths[dy + radius]!;
      for (let c = Math.max(column - halfWidth, 0); c <= Math.min(column + halfWidth, columns - 1); c++) {
        const neighbour = unitOf.get(other * columns + c);
        if (neighbour !== undefined) found.push(neighbour);
      }
    }
    indices.push(...found.sort((a, b) => a - b));
    offsets[unit + 1] = indices.length;
  });
  return { offsets, indices: Int32Array.from(indices) };
}
