/**
 * Times the observatory's statistical engines on synthetic data and prints median / p95.
 *   npm run bench:stats
 *   BENCH_RUNS=5 npm run bench:stats
 * Gi*: a 1,300 × 1,000 grid of 150 m cells (1.3 M cells), distance bands 200 m and 400 m.
 * Knox: 100,000 incidents on 5,000 buildings spread over 30 × 30 km, three years, bands
 * [0, 100, 200, 400) m × [0, 7, 14, 30) days, 99 permutations; and the brute-force baseline
 * against the indexed version on 2,000 incidents.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { gridGiStar } from '../src/observatory/stats/gistar.js';
import { knoxTest } from '../src/observatory/stats/knox.js';
import { knoxTestBruteForce } from '../src/observatory/stats/knox-brute-force.js';
import { seededRandom } from '../src/observatory/stats/random.js';

const runs = Number(process.env.BENCH_RUNS ?? 7);

function summary(label: string, timings: number[]): void {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  console.log(`${label.padEnd(58)} median ${at(0.5).toFixed(1).padStart(8)} ms   p95 ${at(0.95).toFixed(1).padStart(8)} ms   (${timings.length} runs)`);
}

function time(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function syntheticGrid() {
  const random = seededRandom(1);
  const columns = 1300;
  const rows = 1000;
  const values = new Float64Array(columns * rows);
  for (let cell = 0; cell < values.length; cell++) values[cell] = random.int(100) < 3 ? 1 + random.int(4) : 0;
  for (let hotspot = 0; hotspot < 200; hotspot++) {
    const centre = random.int(values.length);
    for (let k = 0; k < 40; k++) {
      const cell = centre + (random.int(9) - 4) * columns + random.int(9) - 4;
      if (cell >= 0 && cell < values.length) values[cell] = values[cell]! + 1 + random.int(5);
    }
  }
  return { columns, rows, cellSize: 150, values };
}

function syntheticIncidents(count: number, buildings: number) {
  const random = seededRandom(2);
  const buildingX = Array.from({ length: buildings }, () => random.int(30_000));
  const buildingY = Array.from({ length: buildings }, () => random.int(30_000));
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const t = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const building = random.int(buildings);
    x[i] = buildingX[building]! + random.int(41) - 20;
    y[i] = buildingY[building]! + random.int(41) - 20;
    t[i] = random.int(3 * 365);
  }
  return { x, y, t };
}

console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`);

const grid = syntheticGrid();
for (const distance of [200, 400]) {
  gridGiStar(grid, distance);
  summary(`Gi* grid fast path, 1.3 M cells of 150 m, band ${distance} m`, Array.from({ length: runs }, () => time(() => gridGiStar(grid, distance))));
}

const bands = { distanceBands: [0, 100, 200, 400], timeBands: [0, 7, 14, 30], iterations: 99, seed: 1 };
const incidents = syntheticIncidents(100_000, 5_000);
summary('Knox indexed, 100,000 incidents × 99 permutations', Array.from({ length: Math.min(runs, 3) }, () => time(() => knoxTest(incidents, bands))));

const small = syntheticIncidents(2_000, 100);
summary('Knox indexed, 2,000 incidents × 99 permutations', [time(() => knoxTest(small, bands))]);
summary('Knox brute force (all pairs), 2,000 incidents × 99 perm.', [time(() => knoxTestBruteForce(small, bands))]);
