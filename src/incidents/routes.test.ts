import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../core/config.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { createApp } from '../http/app.js';
import { handleError } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { STATUSES, TRANSITIONS, type Status } from './domain/workflow.js';
import { incidentRoutes } from './routes.js';

/** The incident routes as one organisation sees them (accounts do not exist yet). */
function appFor(db: Database, organisationId: number, actor: Omit<Actor, 'organisationId'> = {}) {
  const app = createRouter();
  app.onError(handleError);
  app.use('*', async (c, next) => {
    c.set('db', db);
    c.set('actor', { organisationId, ...actor });
    await next();
  });
  app.route('/api', incidentRoutes());
  return app;
}

type App = ReturnType<typeof appFor>;
interface Incident { id: number; status: Status; severity: string; family: string; categoryLabelFr: string; categoryVersion: number; entranceId: number | null; occurredAt: string }
interface Problem { status: number; detail: string; errors?: { field: string }[] }

const send = async (app: App, method: string, path: string, body?: unknown) => {
  const response = await app.request(`/api${path}`, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
};

const hoursAgo = (hours: number, from = Date.now()) => new Date(from - hours * 3_600_000).toISOString();

describeEachEngine('incidents API', (database) => {
  let app: App;
  let patrimony: SmallPatrimony;
  const record = async (overrides: Record<string, unknown> = {}) => {
    const answer = await send(app, 'POST', '/incidents', {
      place: { kind: 'entrance', id: patrimony.entranceIds.lensA }, occurredAt: hoursAgo(2), channel: 'caretaker',
      categoryCode: 'D.TAG', description: 'Tags dans le hall', ...overrides,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { incident: Incident; suggestedSeverity: string; probableDuplicates: number[] };
  };
  const move = (id: number, to: Status, extra: Record<string, unknown> = {}) => send(app, 'POST', `/incidents/${id}/transitions`, { to, ...extra });

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    app = appFor(database(), patrimony.organisationId);
  });

  it('is published in the application and its OpenAPI document', async () => {
    const wired = createApp({ db: database(), config: readConfig({}) });
    const doc = (await (await wired.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/incidents', '/api/incidents/{incidentId}/transitions']));
    expect((await wired.request('/api/incidents/categories')).status).toBe(200);
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
    const rows = await database().query<{ id: number; occurred_at: Date; entrance_id: number | null; family: string; severity: string; status: string; channel: string; residence_id: number }>(
      `SELECT id, occurred_at, entrance_id, family, severity, status, channel, residence_id FROM incidents
       WHERE organisation_id = $1 AND duplicate_of IS NULL ORDER BY occurred_at DESC, id DESC`, [patrimony.organisationId]);
    const expected = (keep: (row: (typeof rows)[number]) => boolean) => rows.filter(keep).map((row) => row.id);
    expect(rows.length).toBeGreaterThan(30);
    expect(await all('')).toEqual(expected(() => true));
    expect(await all(`entranceId=${patrimony.entranceIds.lensA}`)).toEqual(expected((r) => r.entrance_id === patrimony.entranceIds.lensA));
    expect(await all(`residenceId=${patrimony.residenceIds.arras}&family=B`)).toEqual(expected((r) => r.residence_id === patrimony.residenceIds.arras && r.family === 'B'));
    expect(await all('severity=G4')).toEqual(expected((r) => r.severity === 'G4'));
    expect(await all('status=closed&channel=caretaker')).toEqual(expected((r) => r.status === 'closed' && r.channel === 'caretaker'));
    const inPeriod = expected((r) => r.occurred_at >= new Date('2021-06-30T22:00:00Z') && r.occurred_at < new Date('2021-09-30T22:00:00Z'));
    expect(inPeriod.length).toBe(3);
    expect(await all('from=2021-07-01&to=2021-09-30')).toEqual(inPeriod);
    expect((await send(app, 'GET', '/incidents?category=D.TAG&limit=500')).body.errors[0].field).toBe('query.limit');
    expect((await send(app, 'GET', '/incidents?cursor=bogus')).body.errors[0].field).toBe('cursor');
  });

  it('exports what the filters select as CSV, with Paris times', async () => {
    const response = await app.request(`/api/incidents/export.csv?entranceId=${patrimony.entranceIds.lensB}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
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

  it('shows attacks on staff only to the observatory, the agency’s managers and their reporter', async () => {
    const perimeter = { wholeOrganisation: false, agencyIds: [patrimony.agencyIds.lens], directorateIds: [], communes: [] };
    const reporter = appFor(database(), patrimony.organisationId, { userId: 501, grants: [{ role: 'agent', perimeter }] });
    const colleague = appFor(database(), patrimony.organisationId, { userId: 502, grants: [{ role: 'agent', perimeter }] });
    const manager = appFor(database(), patrimony.organisationId, { userId: 503, grants: [{ role: 'agency_manager', perimeter }] });
    const created = await send(reporter, 'POST', '/incidents', {
      place: { kind: 'entrance', id: patrimony.entranceIds.lensA }, occurredAt: '2020-02-02', channel: 'caretaker', categoryCode: 'E.THREAT', description: 'Menaces',
    });
    expect(created.status).toBe(201);
    const id = created.body.incident.id as number;
    expect(created.body.incident.recordedBy).toBe(501);
    for (const [viewer, visible] of [[reporter, true], [colleague, false], [manager, true], [app, true]] as const) {
      expect((await send(viewer, 'GET', `/incidents/${id}`)).status).toBe(visible ? 200 : 404);
      const listed = (await send(viewer, 'GET', '/incidents?family=E&limit=200')).body.items as Incident[];
      expect(listed.some((incident) => incident.id === id)).toBe(visible);
    }
    expect(((await send(colleague, 'GET', '/incidents?family=D&limit=5')).body.items as Incident[]).length).toBeGreaterThan(0);
    expect(((await send(reporter, 'GET', '/incidents?mine=true')).body.items as Incident[]).map((incident) => incident.id)).toEqual([id]);
    expect((await send(colleague, 'GET', '/incidents?mine=true')).body.items).toEqual([]);
    expect((await send(app, 'GET', '/incidents?mine=true')).body.errors[0].field).toBe('mine');
  });

  it('hides an organisation’s incidents from every other organisation (404)', async () => {
    const other = await createSmallPatrimony(database(), '272000029', 'Autre Habitat');
    const otherApp = appFor(database(), other.organisationId);
    const { incident } = await record({ occurredAt: '2020-01-01' });
    expect((await send(otherApp, 'GET', `/incidents/${incident.id}`)).status).toBe(404);
    expect((await send(otherApp, 'POST', `/incidents/${incident.id}/transitions`, { to: 'qualified' })).status).toBe(404);
    expect((await send(otherApp, 'POST', `/incidents/${incident.id}/comments`, { body: 'x' })).status).toBe(404);
    expect((await send(otherApp, 'GET', '/incidents')).body.items).toEqual([]);
    const foreignPlace = await send(otherApp, 'POST', '/incidents', { place: { kind: 'entrance', id: patrimony.entranceIds.lensA }, occurredAt: '2020-01-01', channel: 'phone', categoryCode: 'D.TAG', description: 'x' });
    expect(foreignPlace.body.errors[0].field).toBe('place.id');
    expect((await send(otherApp, 'GET', '/incidents/categories')).body).toHaveLength(41);
  });
});
