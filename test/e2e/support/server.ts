import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const STARTUP_TIMEOUT_MS = 180_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Vigie exited with code ${child.exitCode} before it was ready:\n${output()}`);
    const healthy = await fetch(`${url}/api/health`).then((response) => response.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`Vigie was not healthy within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface ServeOptions {
  /** VIGIE_BASEMAP_URL for the server; none by default. */
  basemapUrl?: string;
  /** A PostgreSQL database (empty, or holding the demo) instead of PGlite in the data folder. */
  databaseUrl?: string;
}

async function serve(dataDir: string, { basemapUrl = '', databaseUrl = '' }: ServeOptions): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/vigie.js', 'serve', '--demo-if-empty'], {
    env: { ...process.env, VIGIE_DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: databaseUrl, VIGIE_BASEMAP_URL: basemapUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, () => output);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { url, child };
}

function runCli(args: string[], input: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/vigie.js', ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`vigie ${args.join(' ')} exited with ${code}:\n${output}`))));
    child.stdin.end(input);
  });
}

export interface VigieServer {
  url: string;
  /** The server's process id (to read its memory). */
  pid: number | undefined;
  /** Restarts on the same database (the demo is loaded once) with other settings. */
  restart(options: ServeOptions): Promise<void>;
  /**
   * Runs `vigie <args>` on the server's database (e.g. `user add`), `input` on its standard
   * input: the server stops meanwhile, as the embedded database has one process at a time.
   */
  cli(args: string[], input?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real Vigie server in a child process, with the demo landlord loaded into an embedded
 * database in a temporary folder.
 */
export async function startVigie(options: ServeOptions = {}): Promise<VigieServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-e2e-'));
  const removeData = () => rm(dataDir, { recursive: true, force: true });
  let settings = options;
  let current = await serve(dataDir, options).catch(async (error: unknown) => {
    await removeData();
    throw error;
  });
  return {
    get url() {
      return current.url;
    },
    get pid() {
      return current.child.pid;
    },
    async restart(next) {
      await stopProcess(current.child);
      settings = next;
      current = await serve(dataDir, next);
    },
    async cli(args, input = '') {
      await stopProcess(current.child);
      try {
        return await runCli(args, input, { VIGIE_DATA_DIR: dataDir, DATABASE_URL: settings.databaseUrl ?? '' });
      } finally {
        current = await serve(dataDir, settings);
      }
    },
    async stop() {
      await stopProcess(current.child);
      await removeData();
    },
  };
}
