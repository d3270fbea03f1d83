import { describe, expect, it } from 'vitest';
import { giStar, gridGiStar } from '../stats/gistar.js';
import { giStarPermutationP } from '../stats/gistar-permutation.js';
import { knoxTest } from '../stats/knox.js';
import { seededRandom } from '../stats/random.js';
import { createJobRunner, JobCancelled } from './runner.js';
import { unitNeighbours, type HotspotPermutationTask, type NearRepeatTask } from './tasks.js';

/** Incidents around a few buildings over three years (metres, days), drawn from a seed. */
function incidents(count: number, seed = 3) {
  const random = seededRandom(seed);
  const buildings = Array.from({ length: Math.max(1, count / 20) }, () => [random.int(5_000), random.int(5_000)] as const);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const t = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const [bx, by] = buildings[random.int(buildings.length)]!;
    x[i] = bx + random.int(31);
    y[i] = by + random.int(31);
    t[i] = random.int(3 * 365);
  }
  return { x, y, t };
}

const knoxTask = (count: number, iterations: number): NearRepeatTask => ({
  kind: 'near_repeat', events: incidents(count), distanceBands: [0, 100, 200, 400], timeBands: [0, 7, 14, 30], iterations, seed: 5, metric: 'euclidean',
});

/** A 30 × 20 grid with a hot block, a third of the cells outside the study area. */
function cellTask(): HotspotPermutationTask {
  const random = seededRandom(9);
  const columns = 30;
  const rows = 20;
  const cells: number[] = [];
  const values: number[] = [];
  for (let cell = 0; cell < columns * rows; cell++) {
    if (random.int(3) === 0) continue;
    cells.push(cell);
    values.push(random.int(4) + (cell % columns < 6 && cell < 6 * columns ? 9 : 0));
  }
  return { kind: 'hotspot_permutation', values: Float64Array.from(values), units: { kind: 'cells', columns, rows, cellSize: 200, cells: Int32Array.from(cells) }, distance: 400, permutations: 199, seed: 4 };
}

describe('background job runner (worker threads)', () => {
  it('returns exactly what the Knox engine returns for the same seed, with monotone progress up to the total', async () => {
    const task = knoxTask(3_000, 99);
    const progress: number[] = [];
    const result = await createJobRunner().run(task, { onProgress: (done, total) => progress.push(done / total) });
    expect(result).toEqual(knoxTest(task.events, task));
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((value, i) => i === 0 || value >= progress[i - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(1);
  }, 60_000);

  it('returns exactly the Gi* permutation p-values of the engine, on the neighbourhoods of the grid fast path', async () => {
    const task = cellTask();
    const neighbours = unitNeighbours(task.units, task.distance);
    // The neighbour lists are the grid's discs: the analytic z-scores agree with gridGiStar's.
    const { columns, rows, cells } = task.units as Extract<HotspotPermutationTask['units'], { kind: 'cells' }>;
    const present = new Uint8Array(columns * rows);
    const gridValues = new Float64Array(columns * rows);
    cells.forEach((cell, unit) => ((present[cell] = 1), (gridValues[cell] = task.values[unit]!)));
    const grid = gridGiStar({ columns, rows, cellSize: 200, values: gridValues, present }, task.distance);
    const listed = giStar(task.values, neighbours);
    cells.forEach((cell, unit) => expect(listed.z[unit]).toBeCloseTo(grid.z[cell]!, 9));
    const result = await createJobRunner().run(task);
    expect(result).toEqual(giStarPermutationP(task.values, neighbours, task));
    expect(Math.min(...result)).toBe(1 / 200);
  }, 60_000);

  it('cancels a running task at once, and a waiting one before it starts', async () => {
    const runner = createJobRunner({ concurrency: 1 });
    const running = new AbortController();
    const waiting = new AbortController();
    let waitingStarted = false;
    const first = runner.run(knoxTask(60_000, 999), { signal: running.signal, onProgress: () => running.abort() });
    const second = runner.run(knoxTask(100, 9), { signal: waiting.signal, onStart: () => (waitingStarted = true) });
    expect(runner.pending).toBe(2);
    waiting.abort();
    await expect(second).rejects.toBeInstanceOf(JobCancelled);
    const started = Date.now();
    await expect(first).rejects.toBeInstanceOf(JobCancelled);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(waitingStarted).toBe(false);
    expect(runner.pending).toBe(0);
  }, 60_000);

  it('runs one task at a time and surfaces a failure of the engine as an error naming it', async () => {
    const runner = createJobRunner({ concurrency: 1 });
    const order: string[] = [];
    const failing = runner.run({ ...knoxTask(100, 9), distanceBands: [200, 100] }, { onStart: () => order.push('failing') });
    const next = runner.run(knoxTask(100, 9), { onStart: () => order.push('next') });
    expect(order).toEqual(['failing']);
    await expect(failing).rejects.toThrow(/Invalid band bounds/);
    expect((await next).iterations).toBe(9);
    expect(order).toEqual(['failing', 'next']);
  }, 60_000);
});
