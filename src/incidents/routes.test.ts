import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import { createRoleUsers, createTestUser, sessionClient, testActor, type SessionClient, type TestUser } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import type { Role } from '../access/domain/roles.js';
import { STATUSES, TRANSITIONS, type Status } from './domain/workflow.js';
import { incidentStats } from './service.js';

type App = ReturnType<typeof createApp>;
interface Incident { id: number; status: Status; severity: string; family: string; agencyId: number; categoryLabelFr: string; categoryVersion: number; entranceId: number | null; occurredAt: string }
interface Problem { status: number; detail: string; errors?: { field: string; message: string }[] }

const send = (client: SessionClient, method: string, path: string, body?: unknown) => client.request(method, path, body);

const hoursAgo = (hours: number, from = Date.now()) => new Date(from - hours * 3_600_000).toISOString();

describeEachEngine('incidents API', (database) => {
  let wired: App;
  let patrimony: SmallPatrimony;
  let users: Record<Role, TestUser>;
  /** The observatory officer: the whole organisation, every incident permission. */
  let app: SessionClient;
  const as = async (role: Role) => sessionClient(wired, users[role]);
  const record = async (overrides: Record<string, unknown> = {}, client = app) => {
    const answer = await send(client, 'POST', '/incidents', {
      place: { kind: 'entrance', id: patrimony.entranceIds.lensA }, occurredAt: hoursAgo(2), channel: 'caretaker',
      categoryCode: 'D.TAG', description: 'Tags dans le hall', ...overrides,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { incident: Incident; suggestedSeverity: string; probableDuplicates: number[] };
  };
  const move = (id: number, to: Status, extra: Record<string, unknown> = {}) => send(app, 'POST', `/incidents/${id}/transitions`, { to, ...extra });

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    users = await createRoleUsers(database(), patrimony);
    wired = createApp({ db: database(), config: readConfig({}) });
    app = await as('observatory_officer');
  });

  it('is published in the application and its OpenAPI document, behind the session', async () => {
    const doc = (await (await wired.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/incidents', '/api/incidents/{incidentId}/transitions']));
    expect(doc.paths['/api/incidents']!.post!['x-permission']).toBe('record_incident');
    expect(doc.paths['/api/incidents/{incidentId}/merge']!.post!['x-permission']).toBe('manage_incident');
    expect((await wired.request('/api/incidents/categories')).status).toBe(401);
    expect((await wired.request('/api/incidents')).status).toBe(401);
    expect((await send(app, 'GET', '/incidents/categories')).status).toBe(200);
  });

  it('records an incident with the suggested severity, or the one adjusted', async () => {
    const suggested = await record({ categoryCode: 'E.THREAT', place: { kind: 'dwelling', id: (await dwellingId()) }, occurredAt: hoursAgo(300) });
    expect(suggested.suggestedSeverity).toBe('G2');
    expect(suggested.incident).toMatchObject({ severity: 'G2', family: 'E', status: 'recorded', entranceId: patrimony.entranceIds.lensA, placeKind: 'dwelling' });
    const adjusted = await record({ categoryCode: 'D.LIFT', severity: 'G4', occurredAt: '2025-01-15', place: { kind: 'building', id: patrimony.buildingIds.arrasHouse } });
    expect(adjusted.suggestedSeverity).toBe('G3');
    expect(adjusted.incident).toMatchObject({ severity: 'G4', timeUnknown: true, occurredAt: '2025-01-14T23:00:00.000Z', entranceId: null });
  });

  async function dwellingId() {
    const [row] = await database().query<{ id: number }>(`SELECT id FROM dwellings WHERE organisation_id = $1 AND entrance_id = $2 LIMIT 1`, [patrimony.organisationId, patrimony.entranceIds.lensA]);
    return row!.id;
  }

  it('rejects bad input naming the field, and writes nothing', async () => {
    const before = await database().query<{ n: number }>('SELECT count(*) AS n FROM incidents');
    const cases: [Record<string, unknown>, string][] = [
      [{ categoryCode: 'D.NOPE' }, 'categoryCode'],
      [{ place: { kind: 'entrance', id: 999_999 } }, 'place.id'],
      [{ occurredAt: hoursAgo(-48) }, 'occurredAt'],
      [{ channel: 'pigeon' }, 'json.channel'],
      [{ victims: [{ role: 'tenant', ittClass: 'no_itt' }] }, 'victims.0.ittClass'],
    ];
    for (const [overrides, field] of cases) {
      const answer = await send(app, 'POST', '/incidents', {
        place: { kind: 'entrance', id: patrimony.entranceIds.lensA }, occurredAt: hoursAgo(1), channel: 'tenant', categoryCode: 'D.TAG', description: 'x', ...overrides,
      });
      expect(answer.status, field).toBe(400);
      expect((answer.body as Problem).errors!.map((e) => e.field), field).toContain(field);
    }
    expect(await database().query('SELECT count(*) AS n FROM incidents')).toEqual(before);
  });

  it('records an offline capture once, however often it is sent', async () => {
    const payload = { place: { kind: 'residence', id: patrimony.residenceIds.arras }, occurredAt: '2024-06-01', channel: 'phone', categoryCode: 'A.DUMP', description: 'Encombrants', idempotencyKey: 'phone-7f3a-0001' };
    const first = await send(app, 'POST', '/incidents', payload);
    const again = await send(app, 'POST', '/incidents', payload);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.incident.id).toBe(first.body.incident.id);
  });

  it('allows every transition of the table and answers 409 to every other', async () => {
    /** Brings a fresh incident to `status` along allowed moves. */
    const paths: Record<Status, [Status, Record<string, unknown>?][]> = {
      draft: [],
      recorded: [['recorded']],
      qualified: [['recorded'], ['qualified']],
      in_progress: [['recorded'], ['qualified'], ['in_progress']],
      closed: [['recorded'], ['qualified'], ['closed', { outcome: 'resolved' }]],
    };
    const allowed: string[] = [];
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const { incident } = await record({ status: 'draft', categoryCode: 'B.NOISE', occurredAt: '2023-02-01', place: { kind: 'building', id: patrimony.buildingIds.arrasHouse } });
        for (const [step, extra] of paths[from]) expect((await move(incident.id, step, extra)).status).toBe(200);
        const rule = TRANSITIONS.find((t) => t.from === from && t.to === to);
        const answer = await move(incident.id, to, rule?.requires === 'outcome' ? { outcome: 'no_further_action' } : rule?.requires === 'reason' ? { reason: 'Récidive' } : {});
        if (answer.status === 200) {
          allowed.push(`${from}->${to}`);
          expect(answer.body.status).toBe(to);
        } else {
          expect(answer.status, `${from}->${to}`).toBe(409);
          expect((answer.body as Problem).detail).toContain('Transition interdite');
          const after = await send(app, 'GET', `/incidents/${incident.id}`);
          expect(after.body.status).toBe(from);
        }
      }
    }
    expect(allowed).toEqual(TRANSITIONS.map((t) => `${t.from}->${t.to}`).sort((a, b) => order(a) - order(b)));
  });

  const order = (pair: string) => {
    const [from, to] = pair.split('->') as [Status, Status];
    return STATUSES.indexOf(from) * 10 + STATUSES.indexOf(to);
  };

  it('keeps the history of a closing and a reopening with its reason, and requires them', async () => {
    const { incident } = await record({ occurredAt: '2023-03-01', place: { kind: 'building', id: patrimony.buildingIds.arrasHouse } });
    await move(incident.id, 'qualified');
    expect((await move(incident.id, 'closed')).body.errors[0].field).toBe('outcome');
    await move(incident.id, 'closed', { outcome: 'resolved' });
    expect((await move(incident.id, 'in_progress')).status).toBe(400);
    const reopened = await move(incident.id, 'in_progress', { reason: 'Nouveaux tags' });
    expect(reopened.body).toMatchObject({ status: 'in_progress', outcome: null, allowedTransitions: ['closed'] });
    const history = reopened.body.history as { field: string; before: unknown; after: unknown; reason: string | null }[];
    expect(history.map((h) => [h.field, h.before, h.after])).toEqual([
      ['status', null, 'recorded'], ['status', 'recorded', 'qualified'], ['status', 'qualified', 'closed'], ['outcome', null, 'resolved'],
      ['status', 'closed', 'in_progress'], ['outcome', 'resolved', null],
    ]);
    expect(history.at(-1)!.reason).toBe('Nouveaux tags');
  });

  it('records corrections field by field and keeps the category version of the recording', async () => {
    const { incident } = await record({ categoryCode: 'D.DOOR', occurredAt: '2023-04-01', place: { kind: 'building', id: patrimony.buildingIds.arrasHouse } });
    const renamed = await send(app, 'PUT', '/incidents/categories/D.DOOR', { labelFr: 'Porte dégradée ou forcée' });
    expect(renamed.body).toMatchObject({ version: 2, labelFr: 'Porte dégradée ou forcée' });
    const kept = await send(app, 'GET', `/incidents/${incident.id}`);
    expect(kept.body).toMatchObject({ categoryVersion: 1, categoryLabelFr: 'Dégradation de porte' });
    const fresh = await record({ categoryCode: 'D.DOOR', occurredAt: '2023-04-02', place: { kind: 'building', id: patrimony.buildingIds.arrasHouse } });
    expect(fresh.incident).toMatchObject({ categoryVersion: 2, categoryLabelFr: 'Porte dégradée ou forcée' });

    const patched = await send(app, 'PATCH', `/incidents/${incident.id}`, { severity: 'G3', estimatedCost: 450.5, description: 'Tags dans le hall', workOrderRef: 'OT-2023-118' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ severity: 'G3', estimatedCost: 450.5, workOrderRef: 'OT-2023-118' });
    const changes = (patched.body.history as { field: string; before: unknown; after: unknown }[]).slice(1);
    expect(changes).toEqual([
      expect.objectContaining({ field: 'severity', before: 'G2', after: 'G3' }),
      expect.objectContaining({ field: 'estimatedCost', before: null, after: 450.5 }),
      expect.objectContaining({ field: 'workOrderRef', before: null, after: 'OT-2023-118' }),
    ]);
  });

  it('adds graduated-response actions and comments to the timeline', async () => {
    const { incident } = await record({ categoryCode: 'E.INSULT', occurredAt: '2023-05-01', place: { kind: 'building', id: patrimony.buildingIds.arrasHouse } });
    const complaint = await send(app, 'POST', `/incidents/${incident.id}/actions`, { kind: 'complaint_filed', date: '2023-05-02', policeStation: 'Commissariat d’Arras' });
    expect(complaint.status).toBe(201);
    expect((await send(app, 'POST', `/incidents/${incident.id}/actions`, { kind: 'complaint_filed', date: '2023-05-02' })).body.errors[0].field).toBe('policeStation');
    await send(app, 'POST', `/incidents/${incident.id}/actions`, { kind: 'victim_support', date: '2023-05-03' });
    await send(app, 'POST', `/incidents/${incident.id}/actions`, { kind: 'legal_outcome', date: '2023-11-20', legalOutcome: 'conviction' });
    const comment = await send(app, 'POST', `/incidents/${incident.id}/comments`, { body: '  Agent reçu par la direction.  ' });
    expect(comment.status).toBe(201);
    const detail = await send(app, 'GET', `/incidents/${incident.id}`);
    expect(detail.body.actions.map((a: { kind: string; date: string }) => `${a.date} ${a.kind}`)).toEqual([
      '2023-05-02 complaint_filed', '2023-05-03 victim_support', '2023-11-20 legal_outcome',
    ]);
    expect(detail.body.actions[0].policeStation).toBe('Commissariat d’Arras');
    expect(detail.body.comments.map((c: { body: string }) => c.body)).toEqual(['Agent reçu par la direction.']);
  });

  describe('duplicates', () => {
    const base = Date.parse('2022-06-10T20:00:00Z');
    const at = (hours: number) => hoursAgo(-hours, base);

    it('flags the same family at the same entrance within 48 h, or within 50 m', async () => {
      const first = await record({ categoryCode: 'D.MAILBOX', occurredAt: at(0) });
      expect(first.probableDuplicates).toEqual([]);
      const sameEntrance = await record({ categoryCode: 'D.INTERCOM', occurredAt: at(30) });
      expect(sameEntrance.probableDuplicates).toEqual([first.incident.id]);
      expect(sameEntrance.incident).toMatchObject({ suspectedDuplicateOf: first.incident.id });
      // The residence's point lies about 13 m from the tower: same place, another level.
      const near = await record({ categoryCode: 'D.TAG', occurredAt: at(-10), place: { kind: 'residence', id: patrimony.residenceIds.lens } });
      expect(near.probableDuplicates).toEqual([first.incident.id, sameEntrance.incident.id]);
      expect((await record({ categoryCode: 'A.DUMP', occurredAt: at(1) })).probableDuplicates).toEqual([]);
      expect((await record({ categoryCode: 'D.TAG', occurredAt: at(49) })).probableDuplicates).toEqual([sameEntrance.incident.id]);
      expect((await record({ categoryCode: 'D.TAG', occurredAt: at(10), place: { kind: 'building', id: patrimony.buildingIds.arrasHouse } })).probableDuplicates).toEqual([]);
    });

    it('merges a duplicate, keeping both histories, and freezes it', async () => {
      const survivor = await record({ categoryCode: 'B.NOISE', occurredAt: at(-500) });
      const duplicate = await record({ categoryCode: 'B.NOISE', occurredAt: at(-499) });
      await send(app, 'POST', `/incidents/${duplicate.incident.id}/comments`, { body: 'Même tapage signalé par un autre locataire' });
      const merged = await send(app, 'POST', `/incidents/${survivor.incident.id}/merge`, { duplicateId: duplicate.incident.id });
      expect(merged.status).toBe(200);
      expect(merged.body.mergedIncidents).toEqual([duplicate.incident.id]);
      expect(merged.body.comments.map((c: { incidentId: number }) => c.incidentId)).toEqual([duplicate.incident.id]);
      expect(merged.body.history.map((h: { incidentId: number; field: string }) => `${h.incidentId === survivor.incident.id ? 'survivor' : 'duplicate'}:${h.field}`).sort())
        .toEqual(['duplicate:duplicateOf', 'duplicate:status', 'survivor:merged', 'survivor:status']);
      const frozen = await send(app, 'GET', `/incidents/${duplicate.incident.id}`);
      expect(frozen.body).toMatchObject({ duplicateOf: survivor.incident.id, allowedTransitions: [] });
      expect((await move(duplicate.incident.id, 'qualified')).status).toBe(409);
      expect((await send(app, 'POST', `/incidents/${survivor.incident.id}/merge`, { duplicateId: duplicate.incident.id })).status).toBe(409);
      expect((await send(app, 'POST', `/incidents/${survivor.incident.id}/merge`, { duplicateId: survivor.incident.id })).body.errors[0].field).toBe('duplicateId');
    });
  });

  it('grades each hall over the 90 days before the reference day', async () => {
    const asOf = '2021-09-30';
    const day = (d: string) => `${d}T18:00:00+02:00`;
    for (const d of ['2021-09-01', '2021-08-15', '2021-07-20']) await record({ categoryCode: 'A.DUMP', occurredAt: day(d) });
    await record({ categoryCode: 'C.DEALING', severity: 'G4', occurredAt: day('2021-06-20'), place: { kind: 'entrance', id: patrimony.entranceIds.lensB } });
    await record({ categoryCode: 'A.DUMP', occurredAt: day('2021-10-01'), place: { kind: 'entrance', id: patrimony.entranceIds.lensB } });
    const levels = async (date: string) => {
      const answer = await send(app, 'GET', `/incidents/residences/${patrimony.residenceIds.lens}/hall-levels?asOf=${date}`);
      expect(answer.status).toBe(200);
      return Object.fromEntries((answer.body.entrances as { entranceName: string; level: string; incidents: number }[]).map((e) => [e.entranceName, `${e.level}/${e.incidents}`]));
    };
    expect(await levels(asOf)).toEqual({ 'ESC-A': 'yellow/3', 'ESC-B': 'green/0' });
    expect(await levels('2021-09-17')).toEqual({ 'ESC-A': 'yellow/3', 'ESC-B': 'red/1' });
    expect(await levels('2021-10-20')).toEqual({ 'ESC-A': 'green/2', 'ESC-B': 'green/1' });
    expect((await send(app, 'GET', '/incidents/residences/999999/hall-levels')).status).toBe(404);
  });

  it('lists with filters and keyset pages', async () => {
    const all = async (query: string) => {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const answer = await send(app, 'GET', `/incidents?${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        ids.push(...(answer.body.items as Incident[]).map((i) => i.id));
        cursor = answer.body.nextCursor;
      } while (cursor);
      return ids;
    };
    const rows = await database().query<{ id: number; occurred_at: Date; entrance_id: number | null; building_id: number | null; family: string; severity: string; status: string; channel: string; residence_id: number }>(
      `SELECT id, occurred_at, entrance_id, building_id, family, severity, status, channel, residence_id FROM incidents
       WHERE organisation_id = $1 AND duplicate_of IS NULL ORDER BY occurred_at DESC, id DESC`, [patrimony.organisationId]);
    const expected = (keep: (row: (typeof rows)[number]) => boolean) => rows.filter(keep).map((row) => row.id);
    expect(rows.length).toBeGreaterThan(30);
    expect(await all('')).toEqual(expected(() => true));
    expect(await all(`entranceId=${patrimony.entranceIds.lensA}`)).toEqual(expected((r) => r.entrance_id === patrimony.entranceIds.lensA));
    expect(await all(`residenceId=${patrimony.residenceIds.arras}&family=B`)).toEqual(expected((r) => r.residence_id === patrimony.residenceIds.arras && r.family === 'B'));
    expect(await all('severity=G4')).toEqual(expected((r) => r.severity === 'G4'));
    expect(await all('commune=62041')).toEqual(expected((r) => r.residence_id === patrimony.residenceIds.arras));
    const { lensTower, arrasHouse } = patrimony.buildingIds;
    expect(await all(`buildingIds=${lensTower},${arrasHouse}`)).toEqual(expected((r) => r.building_id === lensTower || r.building_id === arrasHouse));
    expect(await all(`buildingIds=${arrasHouse}`)).toEqual(expected((r) => r.building_id === arrasHouse));
    expect((await send(app, 'GET', '/incidents?buildingIds=1,x')).body.errors[0].field).toBe('query.buildingIds');
    expect(await all('status=closed&channel=caretaker')).toEqual(expected((r) => r.status === 'closed' && r.channel === 'caretaker'));
    const inPeriod = expected((r) => r.occurred_at >= new Date('2021-06-30T22:00:00Z') && r.occurred_at < new Date('2021-09-30T22:00:00Z'));
    expect(inPeriod.length).toBe(3);
    expect(await all('from=2021-07-01&to=2021-09-30')).toEqual(inPeriod);
    expect((await send(app, 'GET', '/incidents?category=D.TAG&limit=500')).body.errors[0].field).toBe('query.limit');
    expect((await send(app, 'GET', '/incidents?cursor=bogus')).body.errors[0].field).toBe('cursor');
  });

  it('exports what the filters select as CSV, with Paris times', async () => {
    const response = await send(app, 'GET', `/incidents/export.csv?entranceId=${patrimony.entranceIds.lensB}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (response.body as string).replace(/^\uFEFF/, '').trim().split('\r\n');
    const listed = await send(app, 'GET', `/incidents?entranceId=${patrimony.entranceIds.lensB}&limit=200`);
    expect(lines).toHaveLength(listed.body.items.length + 1);
    const header = lines[0]!.split(';');
    const row = (id: number) => lines.find((line) => line.startsWith(`${id};`))!.split(';');
    const dealing = (listed.body.items as (Incident & { categoryCode: string })[]).find((i) => i.categoryCode === 'C.DEALING')!;
    expect(row(dealing.id)[header.indexOf('occurred_at')]).toBe('2021-06-20 18:00');
    expect(row(dealing.id)[header.indexOf('severity')]).toBe('G4');
  });

  it('snaps a tap on the map to the nearest entrance or building', async () => {
    const near = await send(app, 'GET', '/incidents/places/nearest?lon=2.8197&lat=50.4388');
    expect(near.status).toBe(200);
    const places = near.body as { kind: string; id: number; distanceMetres: number; residenceName: string }[];
    expect(places.map((p) => `${p.kind}:${p.id}`)).toEqual([
      `entrance:${patrimony.entranceIds.lensA}`, `entrance:${patrimony.entranceIds.lensB}`, `building:${patrimony.buildingIds.lensTower}`,
    ]);
    // 0.0001° of longitude at 50.44° N is about 7.1 m.
    expect(places[0]!.distanceMetres).toBeGreaterThan(6.5);
    expect(places[0]!.distanceMetres).toBeLessThan(7.5);
    expect(places[0]!.residenceName).toBe('Résidence Grande Résidence');
    expect((await send(app, 'GET', '/incidents/places/nearest?lon=2.83&lat=50.44')).body).toEqual([]);
    expect((await send(app, 'GET', '/incidents/places/nearest?lon=200&lat=50')).body.errors[0].field).toBe('query.lon');
  });


  describe('perimeters', () => {
    const inArras = { place: { kind: 'building', id: 0 }, occurredAt: '2020-03-01' };
    let lensIncident: number;
    let arrasIncident: number;
    beforeAll(async () => {
      inArras.place.id = patrimony.buildingIds.arrasHouse;
      lensIncident = (await record({ occurredAt: '2020-03-01', description: 'Boîte aux lettres arrachée' })).incident.id;
      arrasIncident = (await record(inArras)).incident.id;
    });

    it('lets an agent of Lens record and read in Lens only', async () => {
      const agent = await as('agent');
      const own = await record({ occurredAt: '2020-03-02', categoryCode: 'A.DUMP' }, agent);
      expect(own.incident.agencyId).toBe(patrimony.agencyIds.lens);
      const refused = await send(agent, 'POST', '/incidents', { ...inArras, channel: 'caretaker', categoryCode: 'D.TAG', description: 'Tags' });
      expect(refused.status).toBe(403);
      expect((await send(agent, 'GET', `/incidents/${lensIncident}`)).status).toBe(200);
      expect((await send(agent, 'GET', `/incidents/${arrasIncident}`)).status).toBe(403);
      expect((await send(agent, 'GET', `/incidents/residences/${patrimony.residenceIds.arras}/hall-levels`)).status).toBe(403);
      expect((await send(agent, 'GET', `/incidents/residences/${patrimony.residenceIds.lens}/hall-levels`)).status).toBe(200);
      const listed = (await send(agent, 'GET', '/incidents?limit=200')).body.items as Incident[];
      expect(listed.length).toBeGreaterThan(1);
      expect(new Set(listed.map((incident) => incident.agencyId))).toEqual(new Set([patrimony.agencyIds.lens]));
      const csv = (await send(agent, 'GET', '/incidents/export.csv')).body as string;
      expect(csv).toContain(`\r\n${lensIncident};`);
      expect(csv).not.toContain(`\r\n${arrasIncident};`);
      expect((await send(agent, 'GET', `/incidents?residenceId=${patrimony.residenceIds.arras}`)).body.items).toEqual([]);
      const nearArras = `/incidents/places/nearest?lon=2.7819&lat=50.2931`;
      expect(((await send(app, 'GET', nearArras)).body as unknown[]).length).toBeGreaterThan(0);
      expect((await send(agent, 'GET', nearArras)).body).toEqual([]);
      expect(((await send(agent, 'GET', '/incidents/places/nearest?lon=2.8197&lat=50.4388')).body as unknown[]).length).toBe(3);
    });

    it('lets an agent comment in its perimeter but not follow up, and an agency manager follow up in its agency only', async () => {
      const agent = await as('agent');
      expect((await send(agent, 'POST', `/incidents/${lensIncident}/comments`, { body: 'Revu ce matin' })).status).toBe(201);
      expect((await send(agent, 'POST', `/incidents/${arrasIncident}/comments`, { body: 'Revu ce matin' })).status).toBe(403);
      expect((await send(agent, 'POST', `/incidents/${lensIncident}/transitions`, { to: 'qualified' })).status).toBe(403);
      const manager = await as('agency_manager');
      expect((await send(manager, 'POST', `/incidents/${lensIncident}/transitions`, { to: 'qualified' })).status).toBe(200);
      expect((await send(manager, 'POST', `/incidents/${arrasIncident}/transitions`, { to: 'qualified' })).status).toBe(403);
      expect((await send(manager, 'PATCH', `/incidents/${arrasIncident}`, { severity: 'G3' })).status).toBe(403);
      expect((await send(manager, 'POST', `/incidents/${arrasIncident}/actions`, { kind: 'mediation', date: '2020-03-05' })).status).toBe(403);
      // The nomenclature is the organisation's: a manager of one agency may not change it.
      expect((await send(manager, 'PUT', '/incidents/categories/D.TAG', { labelFr: 'Tag' })).status).toBe(403);
      const director = await as('territorial_director');
      expect((await send(director, 'GET', `/incidents/${arrasIncident}`)).status).toBe(200);
    });

    it('refuses roles without incident permissions, and counts statistics inside the perimeter', async () => {
      for (const role of ['executive', 'partner', 'administrator'] as const) {
        const client = await as(role);
        expect((await send(client, 'GET', '/incidents')).status, role).toBe(403);
        expect((await send(client, 'GET', `/incidents/${lensIncident}`)).status, role).toBe(403);
      }
      const lens = await incidentStats(database(), testActor(patrimony.organisationId, 'agent', { agencyIds: [patrimony.agencyIds.lens] }));
      const arras = await incidentStats(database(), testActor(patrimony.organisationId, 'agent', { agencyIds: [patrimony.agencyIds.arras] }));
      const all = await incidentStats(database(), testActor(patrimony.organisationId, 'observatory_officer'));
      const directorate = await incidentStats(database(), testActor(patrimony.organisationId, 'territorial_director', { directorateIds: [patrimony.directorateId] }));
      expect(lens.total).toBeGreaterThan(0);
      expect(arras.total).toBeGreaterThan(0);
      expect(lens.total + arras.total).toBe(all.total);
      expect(directorate.total).toBe(all.total);
    });
  });

  it('shows attacks on staff only to the observatory, the agency’s managers and their reporter, and audits each reading', async () => {
    const lens = { agencyIds: [patrimony.agencyIds.lens] };
    const reporterUser = await createTestUser(database(), patrimony.organisationId, 'agent', lens, `reporter.${patrimony.organisationId}@vigie.test`);
    const reporter = await sessionClient(wired, reporterUser);
    const colleague = await as('agent');
    const manager = await as('agency_manager');
    const director = await as('territorial_director');
    const created = await record({ occurredAt: '2020-02-02', categoryCode: 'E.THREAT', description: 'Menaces' }, reporter);
    const id = created.incident.id;
    expect(created.incident).toMatchObject({ recordedBy: reporterUser.id });
    for (const [viewer, visible] of [[reporter, true], [colleague, false], [manager, true], [director, false], [app, true]] as const) {
      expect((await send(viewer, 'GET', `/incidents/${id}`)).status, viewer.user.email).toBe(visible ? 200 : 404);
      const listed = (await send(viewer, 'GET', '/incidents?family=E&limit=200')).body.items as Incident[];
      expect(listed.some((incident) => incident.id === id), viewer.user.email).toBe(visible);
    }
    expect(((await send(colleague, 'GET', '/incidents?family=D&limit=5')).body.items as Incident[]).length).toBeGreaterThan(0);
    expect(((await send(reporter, 'GET', '/incidents?mine=true')).body.items as Incident[]).map((incident) => incident.id)).toEqual([id]);
    const readers = await database().query<{ actor_user_id: number }>(
      `SELECT actor_user_id FROM audit_log WHERE organisation_id = $1 AND action = 'incident.read' AND object_id = $2 ORDER BY seq`,
      [patrimony.organisationId, String(id)]);
    expect(readers.map((row) => row.actor_user_id)).toEqual([reporterUser.id, users.agency_manager.id, users.observatory_officer.id]);
  });

  it('audits every write with its author, before and after, without the free text', async () => {
    const agent = await as('agent');
    const { incident } = await record({ occurredAt: '2020-04-01', description: 'Vitre du hall brisée' }, agent);
    await send(app, 'POST', `/incidents/${incident.id}/transitions`, { to: 'qualified' });
    await send(app, 'PATCH', `/incidents/${incident.id}`, { severity: 'G3', description: 'Vitre et porte du hall brisées' });
    const rows = await database().query<{ action: string; actor_user_id: number; before: unknown; after: Record<string, unknown> | null }>(
      `SELECT action, actor_user_id, before, after FROM audit_log WHERE organisation_id = $1 AND object_type = 'incident' AND object_id = $2 ORDER BY seq`,
      [patrimony.organisationId, String(incident.id)]);
    expect(rows.map((row) => [row.action, row.actor_user_id])).toEqual([
      ['incident.create', users.agent.id], ['incident.transition', users.observatory_officer.id], ['incident.update', users.observatory_officer.id],
    ]);
    expect(rows[0]!.after).toMatchObject({ id: incident.id, status: 'recorded', categoryCode: 'D.TAG' });
    expect(rows[1]).toMatchObject({ before: { status: 'recorded', outcome: null }, after: { status: 'qualified', outcome: null } });
    expect(rows[2]).toMatchObject({ before: { severity: incident.severity }, after: { severity: 'G3', description: '[texte libre / free text]' } });
    expect(JSON.stringify(rows)).not.toContain('Vitre');
  });

  describe('free-text guard', () => {
    const flagged = { occurredAt: '2020-05-01', categoryCode: 'E.INSULT', description: 'M. Durand, alcoolique, a insulté la gardienne' };

    it('refuses sensitive text with 422 naming what it found, and writes nothing', async () => {
      const before = await database().query('SELECT count(*) AS n FROM incidents');
      const answer = await send(app, 'POST', '/incidents', { place: { kind: 'entrance', id: patrimony.entranceIds.lensA }, channel: 'caretaker', ...flagged });
      expect(answer.status).toBe(422);
      expect((answer.body as Problem).errors!.map((error) => `${error.field}: ${error.message}`)).toEqual([
        'description: santé / health : « alcoolique »', 'description: nom de personne / personal name : « M. Durand »',
      ]);
      expect(await database().query('SELECT count(*) AS n FROM incidents')).toEqual(before);
      const { incident } = await record({ occurredAt: '2020-05-02' });
      expect((await send(app, 'POST', `/incidents/${incident.id}/comments`, { body: 'Vu avec Mme Lefebvre' })).status).toBe(422);
      expect((await send(app, 'PATCH', `/incidents/${incident.id}`, { description: 'Il sort de prison' })).status).toBe(422);
      expect((await send(app, 'POST', `/incidents/${incident.id}/actions`, { kind: 'mediation', date: '2020-05-03', note: 'Médiation avec Kevin Martin' })).status).toBe(422);
      expect((await send(app, 'GET', `/incidents/${incident.id}`)).body.actions).toEqual([]);
    });

    it('saves it when the user confirms, and logs the choice with the categories only', async () => {
      const { incident } = await record({ ...flagged, sensitiveTextConfirmed: true });
      expect(incident).toMatchObject({ description: flagged.description });
      const comment = await send(app, 'POST', `/incidents/${incident.id}/comments`, { body: 'Vu avec Mme Lefebvre', sensitiveTextConfirmed: true });
      expect(comment.status).toBe(201);
      const rows = await database().query<{ action: string; after: unknown }>(
        `SELECT action, after FROM audit_log WHERE organisation_id = $1 AND object_id = $2 AND action = 'incident.sensitive_text_confirmed' ORDER BY seq`,
        [patrimony.organisationId, String(incident.id)]);
      expect(rows.map((row) => row.after)).toEqual([
        { fields: [{ field: 'description', categories: ['health', 'personal_name'] }] },
        { fields: [{ field: 'body', categories: ['personal_name'] }] },
      ]);
      const audit = await database().query('SELECT before, after FROM audit_log WHERE organisation_id = $1', [patrimony.organisationId]);
      expect(JSON.stringify(audit)).not.toMatch(/Durand|Lefebvre|alcoolique/);
    });
  });

  it('offers the probable duplicates of an incident for a merge', async () => {
    const first = await record({ categoryCode: 'A.DUMP', occurredAt: '2019-05-10T20:00:00+02:00', place: { kind: 'entrance', id: patrimony.entranceIds.lensB } });
    const second = await record({ categoryCode: 'A.DUMP', occurredAt: '2019-05-11T09:00:00+02:00', place: { kind: 'entrance', id: patrimony.entranceIds.lensB } });
    expect((await send(app, 'GET', `/incidents/${first.incident.id}`)).body.probableDuplicates).toEqual([second.incident.id]);
    expect((await send(app, 'GET', `/incidents/${second.incident.id}`)).body.probableDuplicates).toEqual([first.incident.id]);
    await send(app, 'POST', `/incidents/${first.incident.id}/merge`, { duplicateId: second.incident.id });
    expect((await send(app, 'GET', `/incidents/${first.incident.id}`)).body.probableDuplicates).toEqual([]);
    // The reporter still finds the merged report among theirs, pointing to its survivor.
    const mine = (await send(app, 'GET', '/incidents?mine=true&limit=200')).body.items as (Incident & { duplicateOf: number | null })[];
    expect(mine.find((incident) => incident.id === second.incident.id)?.duplicateOf).toBe(first.incident.id);
    expect(((await send(app, 'GET', '/incidents?limit=200')).body.items as Incident[]).some((incident) => incident.id === second.incident.id)).toBe(false);
  });

  it('hides an organisation’s incidents from every other organisation (404)', async () => {
    const other = await createSmallPatrimony(database(), '272000029', 'Autre Habitat');
    const otherApp = await sessionClient(wired, await createTestUser(database(), other.organisationId, 'observatory_officer'));
    const { incident } = await record({ occurredAt: '2020-01-01' });
    expect((await send(otherApp, 'GET', `/incidents/${incident.id}`)).status).toBe(404);
    expect((await send(otherApp, 'POST', `/incidents/${incident.id}/transitions`, { to: 'qualified' })).status).toBe(404);
    expect((await send(otherApp, 'POST', `/incidents/${incident.id}/comments`, { body: 'x' })).status).toBe(404);
    expect((await send(otherApp, 'GET', `/incidents/residences/${patrimony.residenceIds.lens}/hall-levels`)).status).toBe(404);
    expect((await send(otherApp, 'GET', '/incidents')).body.items).toEqual([]);
    const foreignPlace = await send(otherApp, 'POST', '/incidents', { place: { kind: 'entrance', id: patrimony.entranceIds.lensA }, occurredAt: '2020-01-01', channel: 'phone', categoryCode: 'D.TAG', description: 'x' });
    expect(foreignPlace.body.errors[0].field).toBe('place.id');
    expect((await send(otherApp, 'GET', '/incidents/categories')).body).toHaveLength(41);
  });
});
