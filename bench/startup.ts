/**
 * Times Vigie's start-up as a new user meets it, after `npm install`:
 *   1. the web build (`npm start` builds the web app when its sources changed),
 *   2. a first start on an empty embedded database (schema, communes, demo landlord) to a served page,
 *   3. a later start on the same data folder to a served page.
 *   npm run bench:startup
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

async function waitForPage(url: string, deadline: number): Promise<void> {
  while (performance.now() < deadline) {
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no page at ${url} in time`);
}

/** Starts `vigie serve --demo-if-empty` and resolves with the seconds to a served home page. */
async function timeStart(dataDir: string, port: number): Promise<string> {
  const start = performance.now();
  const server = spawn(process.execPath, ['bin/vigie.js', 'serve', '--demo-if-empty'], {
    env: { ...process.env, VIGIE_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '' },
    stdio: 'ignore',
  });
  try {
    await waitForPage(`http://127.0.0.1:${port}/`, start + 300_000);
    return seconds(start);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

const outDir = await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-web-'));
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigie-bench-data-'));
try {
  const buildStart = performance.now();
  const build = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--outDir', outDir, '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const buildTime = seconds(buildStart);
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const first = await timeStart(dataDir, port);
  const later = await timeStart(dataDir, port);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`web build:                                  ${buildTime} s`);
  console.log(`first start (schema, communes, demo) to page: ${first} s`);
  console.log(`first npm start after npm install (sum):      ${(Number(buildTime) + Number(first)).toFixed(1)} s   (target ≤ 90 s)`);
  console.log(`later start to page:                          ${later} s   (target ≤ 15 s)`);
} finally {
  await rm(outDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
}
