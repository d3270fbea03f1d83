import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../access/domain/roles.js';
import { readConfig } from '../../core/config.js';
import { createApp } from '../../http/app.js';
import type { VigieApp } from '../../http/router.js';
import { createRoleUsers, sessionClient, type SessionClient } from '../../../test/support/auth.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import { incidentPoints } from '../repository.js';
import { knoxTest } from '../stats/knox.js';
import { knoxEvents } from './domain/inputs.js';

const NEAR_REPEAT = { filters: { from: '2025-01', to: '2025-12' }, distanceBands: [0, 100, 1000, 'inf'], timeBands: [0, 7, 30, 'inf'], iterations: 99, seed: 3 };

describeEachEngine('observatory background jobs API', (database) => {
  let app: VigieApp;
  let patrimony: SmallPatrimony;
  const clients = {} as Record<Role, SessionClient>;
  let abandonedJob: number;

  /** Polls a job until it has finished, then answers its last state. */
  async function finished(client: SessionClient, id: number) {
    for (let attempt = 0; attempt < 600; attempt++) {
      const { body } = await client.request('GET', `/observatory/jobs/${id}`);
      if (body.status !== 'queued' && body.status !== 'running') return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${id} did not finish`);
  }

  async function run(role: Role, path: string, body: unknown) {
    const started = await clients[role].request('POST', path, body);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const job = await finished(clients[role], started.body.id);
    expect(job.status, JSON.stringify(job.problem)).toBe('succeeded');
    expect(job.progress.done).toBe(job.progress.total);
    return (await clients[role].request('GET', `/observatory/jobs/${job.id}/result`)).body;
  }

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    app = createApp({ db: database(), config: readConfig({}) });
    const users = await createRoleUsers(database(), patrimony);
    for (const [role, user] of Object.entries(users) as [Role, (typeof users)[Role]][]) clients[role] = await sessionClient(app, user);
    // A job a stopped server left running: the first use of the runner marks it failed.
    [{ id: abandonedJob }] = await database().query<{ id: number }>(
      `INSERT INTO observatory_jobs (organisation_id, user_id, kind, parameters, status) VALUES ($1, $2, 'near_repeat', '{}', 'running') RETURNING id`,
      [patrimony.organisationId, users.executive.id],
    ) as [{ id: number }];
    const record = async (place: { kind: string; id: number }, day: number, categoryCode: string) => {
      const answer = await clients.observatory_officer.request('POST', '/incidents', {
        place, occurredAt: new Date(Date.UTC(2025, 0, 1 + day, 10)).toISOString(), channel: 'caretaker', categoryCode, description: 'Fait constaté',
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    };
    // Lens: tags in bursts (near repeats), two attacks on staff; Arras: spread out.
    for (let i = 0; i < 24; i++) await record({ kind: 'entrance', id: i % 2 ? patrimony.entranceIds.lensA : patrimony.entranceIds.lensB }, Math.floor(i / 4) * 40 + (i % 4), 'D.TAG');
    for (const day of [50, 52]) await record({ kind: 'entrance', id: patrimony.entranceIds.lensA }, day, 'E.INSULT');
    for (let i = 0; i < 8; i++) await record({ kind: 'building', id: patrimony.buildingIds.arrasHouse }, i * 45, 'A.DUMP');
  }, 120_000);

  it('runs a near-repeat analysis whose table is the engine’s on the incidents of the period, with the same seed', async () => {
    const result = await run('observatory_officer', '/observatory/jobs/near-repeat', NEAR_REPEAT);
    const points = await incidentPoints(database(), { organisationId: patrimony.organisationId, perimeter: { wholeOrganisation: true, agencyIds: [], directorateIds: [], communes: [] } },
      { period: { from: '2025-01', to: '2025-12' } });
    expect(points).toHaveLength(34);
    const expected = JSON.parse(JSON.stringify(knoxTest(knoxEvents(points), { distanceBands: [0, 100, 1000, Infinity], timeBands: [0, 7, 30, Infinity], iterations: 99, seed: 3 })));
    expect(result).toMatchObject({ kind: 'near_repeat', events: 34, hiddenConfidential: 0, period: { from: '2025-01', to: '2025-12' } });
    expect(result.cells).toEqual(expected.cells);
    expect(result.distanceBands.map((band: { label: string }) => band.label)).toEqual(['[0, 100) m', '[100, 1000) m', '[1000, ∞) m']);
    // Same place and within a week: the Lens bursts are near repeats.
    expect(result.cells[0].observed).toBeGreaterThan(result.cells[0].expected);
  }, 60_000);

  it('feeds an agent’s job their agency’s incidents only, without the attacks on staff they may not see; their manager sees those', async () => {
    const agent = await run('agent', '/observatory/jobs/near-repeat', NEAR_REPEAT);
    expect(agent).toMatchObject({ events: 24, hiddenConfidential: 2 });
    const manager = await run('agency_manager', '/observatory/jobs/near-repeat', NEAR_REPEAT);
    expect(manager).toMatchObject({ events: 26, hiddenConfidential: 0 });
    const outside = await clients.agent.request('POST', '/observatory/jobs/near-repeat', { ...NEAR_REPEAT, filters: { agencyId: patrimony.agencyIds.arras } });
    expect(outside.status).toBe(403);
  }, 60_000);

  it('refuses near-repeat to partners, who read no incident points, but runs Gi* permutations for them on 500 m cells, suppressed', async () => {
    const refused = await clients.partner.request('POST', '/observatory/jobs/near-repeat', NEAR_REPEAT);
    expect(refused.status).toBe(403);
    const result = await run('partner', '/observatory/jobs/hotspot-permutation', { filters: { from: '2025-01', to: '2025-12' }, unit: 'building', cellSize: 200, permutations: 99 });
    expect(result).toMatchObject({ kind: 'hotspot_permutation', unit: 'cell', cellSize: 500 });
    const hotspots = await clients.partner.request('GET', '/observatory/hotspots?from=2025-01&to=2025-12&unit=cell&cellSize=500');
    expect(result.units.map((unit: { incidents: unknown }) => unit.incidents)).toEqual(hotspots.body.units.map((unit: { incidents: unknown }) => unit.incidents));
  }, 60_000);

  it('adds pseudo p-values to the hotspot units of the map, reproducible by seed', async () => {
    const input = { filters: { from: '2025-01', to: '2025-12' }, unit: 'building', distance: 400, permutations: 999, seed: 8 };
    const result = await run('observatory_officer', '/observatory/jobs/hotspot-permutation', input);
    const hotspots = (await clients.observatory_officer.request('GET', '/observatory/hotspots?from=2025-01&to=2025-12&unit=building&distance=400')).body;
    expect(result.units.map(({ id, z }: { id: number; z: number }) => ({ id, z }))).toEqual(hotspots.units.map(({ id, z }: { id: number; z: number }) => ({ id, z })));
    expect(result.units.length).toBe(2);
    for (const unit of result.units) expect(unit.pSim).toBeGreaterThanOrEqual(0.001);
    const again = await run('observatory_officer', '/observatory/jobs/hotspot-permutation', input);
    expect(again.units).toEqual(result.units);
  }, 60_000);

  it('keeps jobs to their owner, cancels on request, and bounds the jobs a user may run at once', async () => {
    const started = await clients.observatory_officer.request('POST', '/observatory/jobs/near-repeat', { ...NEAR_REPEAT, iterations: 999 });
    const cancelled = await clients.observatory_officer.request('POST', `/observatory/jobs/${started.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', problem: { title: 'Analyse annulée / Analysis cancelled' } });
    expect((await finished(clients.observatory_officer, started.body.id)).status).toBe('cancelled');
    expect((await clients.observatory_officer.request('GET', `/observatory/jobs/${started.body.id}/result`)).status).toBe(409);
    expect((await clients.observatory_officer.request('POST', `/observatory/jobs/${started.body.id}/cancel`)).status).toBe(409);
    expect((await clients.executive.request('GET', `/observatory/jobs/${started.body.id}`)).status).toBe(404);
    expect((await clients.executive.request('GET', `/observatory/jobs/${started.body.id}/result`)).status).toBe(404);

    const interrupted = await clients.executive.request('GET', `/observatory/jobs/${abandonedJob}`);
    expect(interrupted.body).toMatchObject({ status: 'failed', problem: { title: 'Analyse interrompue / Analysis interrupted' } });

    await database().query(
      `INSERT INTO observatory_jobs (organisation_id, user_id, kind, parameters, status) SELECT $1, $2, 'near_repeat', '{}', 'queued' FROM generate_series(1, 2)`,
      [patrimony.organisationId, clients.territorial_director.user.id],
    );
    const refused = await clients.territorial_director.request('POST', '/observatory/jobs/near-repeat', NEAR_REPEAT);
    expect(refused.status).toBe(409);
    const listed = await clients.territorial_director.request('GET', '/observatory/jobs');
    expect(listed.body.map((job: { status: string }) => job.status)).toEqual(['queued', 'queued']);
  }, 60_000);

  it('names the invalid field of a job request', async () => {
    const answer = await clients.observatory_officer.request('POST', '/observatory/jobs/near-repeat', { ...NEAR_REPEAT, distanceBands: [0, 200, 100], iterations: 50 });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['json.distanceBands', 'json.iterations']);
  });
});
