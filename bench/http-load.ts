/**
 * HTTP load run on loopback against a real `vigie serve` holding the demo landlord: concurrent
 * connections signed in as the demo caretaker (the most common user), four reads for one write
 * (incident list, incident detail, observatory dashboard, patrimony figures; recording an
 * incident), for a bounded time. Prints throughput, latency percentiles, errors and the server's
 * peak memory.
 *   npm run bench:http                                   PGlite in a temporary folder
 *   BENCH_POSTGRES_URL=postgres://…/scratch npm run bench:http   PostgreSQL (empty or demo database)
 *   BENCH_CONNECTIONS=200 BENCH_DURATION=60 (defaults)
 *   BENCH_USER_RATE=1 (default): each connection is a user who sends at most one request a
 *     second (a user waits for the answer and reads it; a busy caretaker clicks every few seconds);
 *   BENCH_USER_RATE=0: no pause at all, every connection sends its next request as soon as the
 *     answer arrives (the server's saturation throughput, not a number of users).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import autocannon from 'autocannon';
import { demoAccount, signedInApi } from '../test/e2e/support/session.js';
import { DEMO_PASSWORD } from '../src/access/demo/users.js';
import { startVigie } from '../test/e2e/support/server.js';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 200);
const duration = Number(process.env.BENCH_DURATION ?? 60);
const databaseUrl = process.env.BENCH_POSTGRES_URL ?? '';
const userRate = Number(process.env.BENCH_USER_RATE ?? 1);

interface IncidentPage { items: { id: number }[] }
interface IncidentDetail { placeKind: string; entranceId: number | null; buildingId: number | null; dwellingId: number | null; residenceId: number }

/** The session cookie and CSRF token of one sign-in, shared by every connection. */
async function session(url: string, email: string): Promise<Record<string, string>> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie: login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; '), 'x-csrf-token': csrfToken };
}

/** The server's peak resident memory (VmHWM), in MiB, on Linux. */
async function peakMemoryMiB(pid: number | undefined): Promise<string> {
  if (!pid) return 'n/a';
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = /VmHWM:\s+(\d+)/.exec(status)?.[1];
  return kib ? `${(Number(kib) / 1024).toFixed(0)} MiB` : 'n/a';
}

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startVigie({ databaseUrl });
  console.log(`server ready on ${databaseUrl ? 'PostgreSQL' : 'PGlite'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    const email = demoAccount('agent');
    const api = await signedInApi(server.url, email);
    const page = await api<IncidentPage>('/api/incidents?limit=20');
    const incidentId = page.items[0]!.id;
    const detail = await api<IncidentDetail>(`/api/incidents/${incidentId}`);
    const place = detail.entranceId ? { kind: 'entrance', id: detail.entranceId } : { kind: 'residence', id: detail.residenceId };
    const headers = { ...(await session(server.url, email)), 'content-type': 'application/json' };
    let written = 0;
    const result = await autocannon({
      url: server.url,
      connections,
      duration,
      headers,
      ...(userRate > 0 ? { connectionRate: userRate } : {}),
      requests: [
        { method: 'GET', path: '/api/incidents?limit=20' },
        { method: 'GET', path: `/api/incidents/${incidentId}` },
        { method: 'GET', path: '/api/observatory/dashboard' },
        { method: 'GET', path: '/api/patrimony/stats' },
        {
          method: 'POST',
          path: '/api/incidents',
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({
              place, occurredAt: new Date().toISOString(), channel: 'caretaker', categoryCode: 'A.DUMP',
              description: 'Encombrants déposés devant le local poubelles', idempotencyKey: `bench-${process.pid}-${++written}`,
            }),
          }),
        },
      ],
    });
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(`\nHTTP load run — ${connections} connections, ${userRate > 0 ? `at most ${userRate} request(s) a second each` : 'no pause between requests'}, ${duration} s, 80 % reads / 20 % writes, ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim()}), load average ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(`  engine            ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`);
    console.log(`  requests          ${result.requests.total} (${result.requests.average.toFixed(0)} req/s)`);
    console.log(`  latency           median ${result.latency.p50} ms   p90 ${result.latency.p90} ms   p99 ${result.latency.p99} ms   max ${result.latency.max} ms`);
    console.log(`  errors            ${errors} (non-2xx ${result.non2xx}, socket errors ${result.errors}, timeouts ${result.timeouts})`);
    console.log(`  server peak RSS   ${await peakMemoryMiB(server.pid)}`);
    if (errors > 0) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

await main();
