import { performance } from 'node:perf_hooks';

/** Runs `work` `warmups` times untimed, then `count` times timed; milliseconds per run. */
export async function timeRuns(work: () => Promise<unknown>, count: number, warmups = 1): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await work();
  const timings: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await work();
    timings.push(performance.now() - start);
  }
  return timings;
}

const quantile = (timings: number[], q: number) => {
  const sorted = [...timings].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

const duration = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);

interface Row {
  engine: string;
  operation: string;
  timings: number[];
  baseline?: { label: string; timings?: number[] };
}

/** The suite's one table: operation, engine, median, p95 (or the single time), baseline. */
export class Results {
  private readonly rows: Row[] = [];

  add(engine: string, operation: string, timings: number[], baseline?: number[], baselineLabel = 'baseline'): void {
    this.rows.push({ engine, operation, timings, ...(baseline || baselineLabel !== 'baseline' ? { baseline: { label: baselineLabel, timings: baseline } } : {}) });
    // Progress of a long run (the landlord and group scales take minutes per operation).
    console.error(`${new Date().toISOString().slice(11, 19)} ${engine}: ${operation}: median ${duration(quantile(timings, 0.5))}`);
  }

  /** A one-off operation (an import, a backup): its single time. */
  once(engine: string, operation: string, timings: number[]): void {
    this.add(engine, operation, timings);
  }

  print(): void {
    const lines = [
      '| operation | engine | median | p95 | runs | baseline in the same run |',
      '| --- | --- | --- | --- | --- | --- |',
      ...this.rows.map(({ engine, operation, timings, baseline }) => {
        const base = baseline ? (baseline.timings ? `${baseline.label}: median ${duration(quantile(baseline.timings, 0.5))}` : baseline.label) : '';
        const p95 = timings.length > 1 ? duration(quantile(timings, 0.95)) : '';
        return `| ${operation} | ${engine} | ${duration(quantile(timings, 0.5))} | ${p95} | ${timings.length} | ${base} |`;
      }),
    ];
    console.log(`\n${lines.join('\n')}\n`);
  }
}
