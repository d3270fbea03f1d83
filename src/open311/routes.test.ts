import { beforeAll, expect, it } from 'vitest';
import { addApiKey, listApiKeys, revokeApiKey } from '../access/api-keys.js';
import { systemActor } from '../access/system-actor.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import { createTestUser, sessionClient, type SessionClient } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';

/** A string no answer may ever carry: it is written in every free-text field of the incidents. */
const MARKER = 'MARQUEUR-LIBRE-7f3a9c';
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const REQUEST_FIELDS = ['lat', 'long', 'requested_datetime', 'service_code', 'service_name', 'service_request_id', 'status', 'updated_datetime'];

interface Request { service_request_id: string; status: string; service_code: string; service_name: string; requested_datetime: string; lat: number; long: number }

describeEachEngine('Open311 GeoReport v2 for partners', (database) => {
  let app: ReturnType<typeof createApp>;
  let mine: SmallPatrimony;
  let theirs: SmallPatrimony;
  const ids = {} as Record<'lensTag' | 'lensClosed' | 'lensStaff' | 'lensTenant' | 'arrasLift' | 'lensOld' | 'theirTag', number>;
  const keys = {} as Record<'lens' | 'arras' | 'both' | 'theirs' | 'revoked', string>;
  const answers: string[] = [];

  const get = async (path: string, key?: string, headers: Record<string, string> = {}) => {
    const separator = path.includes('?') ? '&' : '?';
    const response = await app.request(`/open311/v2${path}${key ? `${separator}api_key=${encodeURIComponent(key)}` : ''}`, { headers });
    const text = await response.text();
    answers.push(text);
    return { status: response.status, text, body: (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text, headers: response.headers };
  };
  const requestIds = async (query: string, key: string) => {
    const answer = await get(`/requests.json?${query}`, key);
    expect(answer.status, answer.text).toBe(200);
    return (answer.body as Request[]).map((request) => Number(request.service_request_id));
  };
  const point = async (table: 'buildings' | 'residences', id: number) =>
    (await database().query<{ lat: number; long: number }>(`SELECT ST_Y(geom) AS lat, ST_X(geom) AS long FROM ${table} WHERE id = $1`, [id]))[0]!;

  async function record(officer: SessionClient, place: { kind: string; id: number }, categoryCode: string, occurredAt: string, victims: unknown[] = []) {
    const answer = await officer.request('POST', '/incidents', {
      place, occurredAt, channel: 'tenant', categoryCode, victims, description: `Fait décrit : ${MARKER}`, sensitiveTextConfirmed: true,
    });
    if (answer.status !== 201) throw new Error(`fixture incident: ${answer.status} ${JSON.stringify(answer.body)}`);
    const id = answer.body.incident.id as number;
    await officer.request('POST', `/incidents/${id}/comments`, { body: `Commentaire ${MARKER}`, sensitiveTextConfirmed: true });
    return id;
  }

  beforeAll(async () => {
    const db = database();
    app = createApp({ db, config: readConfig({}) });
    mine = await createSmallPatrimony(db);
    theirs = await createSmallPatrimony(db, '272000029', 'Autre Habitat');
    const officer = await sessionClient(app, await createTestUser(db, mine.organisationId, 'observatory_officer'));
    const theirOfficer = await sessionClient(app, await createTestUser(db, theirs.organisationId, 'observatory_officer'));
    const lensHall = { kind: 'entrance', id: mine.entranceIds.lensA };
    ids.lensTag = await record(officer, lensHall, 'D.TAG', daysAgo(10));
    ids.lensClosed = await record(officer, { kind: 'building', id: mine.buildingIds.lensTower }, 'A.DUMP', daysAgo(5));
    for (const move of [{ to: 'qualified' }, { to: 'closed', outcome: 'resolved' }]) {
      const moved = await officer.request('POST', `/incidents/${ids.lensClosed}/transitions`, move);
      if (moved.status !== 200) throw new Error(`fixture transition: ${moved.status} ${JSON.stringify(moved.body)}`);
    }
    await officer.request('POST', `/incidents/${ids.lensClosed}/actions`, { kind: 'complaint_filed', date: daysAgo(4).slice(0, 10), note: MARKER, policeStation: `Commissariat ${MARKER}`, sensitiveTextConfirmed: true });
    ids.lensStaff = await record(officer, lensHall, 'E.INSULT', daysAgo(3), [{ role: 'landlord_staff', ittClass: 'no_itt' }]);
    ids.lensTenant = await record(officer, lensHall, 'F.VIOLENCE', daysAgo(3), [{ role: 'tenant', ittClass: 'no_itt' }]);
    ids.arrasLift = await record(officer, { kind: 'building', id: mine.buildingIds.arrasHouse }, 'D.LIFT', daysAgo(2));
    ids.lensOld = await record(officer, lensHall, 'D.TAG', daysAgo(200));
    // Where the caretaker placed it on the map, a few metres from the building's point: never published.
    await db.query('UPDATE incidents SET geom = ST_SetSRID(ST_MakePoint(2.81985, 50.43895), 4326) WHERE id = $1', [ids.lensTag]);
    ids.theirTag = await record(theirOfficer, { kind: 'entrance', id: theirs.entranceIds.lensA }, 'D.TAG', daysAgo(1));

    const actor = systemActor(mine.organisationId, 'test:open311');
    keys.lens = (await addApiKey(db, actor, { label: 'Ville de Lens', communes: ['62498'] })).key;
    keys.arras = (await addApiKey(db, actor, { label: 'Ville d’Arras', communes: ['62041'] })).key;
    keys.both = (await addApiKey(db, actor, { label: 'CLSPD', communes: ['62498', '62041'] })).key;
    keys.theirs = (await addApiKey(db, systemActor(theirs.organisationId, 'test:open311'), { label: 'Ville de Lens', communes: ['62498'] })).key;
    const revoked = await addApiKey(db, actor, { label: 'Ancien partenaire', communes: ['62498'] });
    keys.revoked = revoked.key;
    await revokeApiKey(db, actor, revoked.id);
  }, 120_000);

  it('is in the OpenAPI document with its API key schemes and permission', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { security?: unknown; 'x-permission'?: string } }>; components: { securitySchemes: Record<string, unknown> };
    };
    for (const path of ['/open311/v2/services.json', '/open311/v2/services/{service_code}.xml', '/open311/v2/requests.json', '/open311/v2/requests/{service_request_id}.json']) {
      expect(doc.paths[path]?.get, path).toMatchObject({ 'x-permission': 'read_aggregates', security: [{ Open311ApiKey: [] }, { Open311ApiKeyHeader: [] }] });
    }
    expect(doc.components.securitySchemes.Open311ApiKey).toMatchObject({ type: 'apiKey', in: 'query', name: 'api_key' });
    expect((await get('/discovery.json')).body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['application/json', 'text/xml'] });
  });

  it('answers 401 without a key, with an unknown key and with a revoked key; takes the key from a header too', async () => {
    expect((await get('/requests.json')).status).toBe(401);
    expect((await get('/services.json', 'vigie_pk_not-a-key')).status).toBe(401);
    expect((await get('/requests.json', keys.revoked)).status).toBe(401);
    expect((await get('/requests/1.json', keys.revoked)).status).toBe(401);
    expect((await get('/services.json', undefined, { 'x-api-key': keys.lens })).status).toBe(200);
  });

  it('publishes the categories as services, without attacks on staff or on tenants', async () => {
    const services = (await get('/services.json', keys.lens)).body as { service_code: string; service_name: string; group: string }[];
    expect(services.find((entry) => entry.service_code === 'D.TAG')).toMatchObject({ service_name: 'Tags, graffitis', group: 'Atteintes aux biens' });
    expect(services.filter((entry) => /^[EF]\./.test(entry.service_code))).toEqual([]);
    expect(services.length).toBeGreaterThan(20);
    expect((await get('/services/D.TAG.json', keys.lens)).body).toEqual({ service_code: 'D.TAG', attributes: [] });
    expect((await get('/services/E.INSULT.json', keys.lens)).status).toBe(404);
    expect((await get('/services/nope.json', keys.lens)).body.errors[0].field).toBe('param.service_code');
    const xml = await get('/services.xml', keys.lens);
    expect(xml.headers.get('content-type')).toContain('text/xml');
    expect(xml.text).toContain('<service><service_code>A.DUMP</service_code><service_name>Dépôt sauvage, encombrants</service_name>');
  });

  it('lists the perimeter’s live incidents of published families, open or closed, at their building’s point', async () => {
    const answer = await get('/requests.json', keys.lens);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const requests = answer.body as Request[];
    expect(requests.map((request) => Number(request.service_request_id))).toEqual([ids.lensClosed, ids.lensTag]);
    for (const request of requests) expect(Object.keys(request).sort()).toEqual(REQUEST_FIELDS);
    const tower = await point('buildings', mine.buildingIds.lensTower);
    expect(requests[0]).toMatchObject({ status: 'closed', service_code: 'A.DUMP', service_name: 'Dépôt sauvage, encombrants', ...tower });
    expect(requests[1]).toMatchObject({ status: 'open', service_code: 'D.TAG', ...tower });
    expect(Date.parse(requests[1]!.requested_datetime)).toBeCloseTo(Date.parse(daysAgo(10)), -5);
    expect(requests[1]!.lat).not.toBe(50.43895);
  });

  it('never publishes family E or F, whatever the filter or the id', async () => {
    expect(await requestIds('service_code=E.INSULT,F.VIOLENCE', keys.lens)).toEqual([]);
    expect(await requestIds(`service_request_id=${ids.lensStaff},${ids.lensTenant}`, keys.lens)).toEqual([]);
    for (const id of [ids.lensStaff, ids.lensTenant]) expect((await get(`/requests/${id}.json`, keys.lens)).status).toBe(404);
  });

  it('keeps each key inside its communes and its organisation', async () => {
    expect(await requestIds('', keys.arras)).toEqual([ids.arrasLift]);
    // A house: the residence's point, never the household's own building.
    expect((await get(`/requests/${ids.arrasLift}.json`, keys.arras)).body[0]).toMatchObject(await point('residences', mine.residenceIds.arras));
    expect((await get(`/requests/${ids.arrasLift}.json`, keys.lens)).status).toBe(404);
    expect((await get(`/requests/${ids.lensTag}.json`, keys.arras)).status).toBe(404);
    expect(await requestIds('', keys.theirs)).toEqual([ids.theirTag]);
    expect((await get(`/requests/${ids.lensTag}.json`, keys.theirs)).status).toBe(404);
    expect((await get(`/requests/${ids.theirTag}.json`, keys.lens)).status).toBe(404);
  });

  it('filters by status, service, dates and ids, and pages newest first', async () => {
    expect(await requestIds('status=closed', keys.both)).toEqual([ids.lensClosed]);
    expect(await requestIds('status=open', keys.both)).toEqual([ids.arrasLift, ids.lensTag]);
    expect(await requestIds('service_code=D.TAG,D.LIFT', keys.both)).toEqual([ids.arrasLift, ids.lensTag]);
    expect(await requestIds(`start_date=${daysAgo(300)}&end_date=${daysAgo(100)}`, keys.both)).toEqual([ids.lensOld]);
    expect(await requestIds(`start_date=${daysAgo(7)}`, keys.both)).toEqual([ids.arrasLift, ids.lensClosed]);
    expect(await requestIds(`service_request_id=${ids.lensOld},${ids.lensTag}`, keys.both)).toEqual([ids.lensTag, ids.lensOld]);
    const pages = [];
    for (const page of [1, 2, 3, 4]) pages.push(await requestIds(`page_size=1&page=${page}`, keys.both));
    expect(pages).toEqual([[ids.arrasLift], [ids.lensClosed], [ids.lensTag], []]);
    const xml = await get(`/requests.xml?service_request_id=${ids.lensClosed}`, keys.both);
    expect(xml.text).toMatch(new RegExp(`^<\\?xml[^>]*>\\n<service_requests><request><service_request_id>${ids.lensClosed}</service_request_id><status>closed</status>`));
    expect((await get(`/requests/${ids.lensTag}.xml`, keys.both)).text).toContain(`<service_request_id>${ids.lensTag}</service_request_id><status>open</status>`);
  });

  it('answers 400 naming the field for bad dates, statuses, pages and ids', async () => {
    const field = async (query: string) => ((await get(`/requests.json?${query}`, keys.lens)).body as { errors: { field: string }[] }).errors.map((error) => error.field);
    expect(await field('start_date=2026-13-01')).toEqual(['query.start_date']);
    expect(await field('end_date=yesterday')).toEqual(['query.end_date']);
    expect(await field(`start_date=${daysAgo(1)}&end_date=${daysAgo(2)}`)).toEqual(['query.end_date']);
    expect(await field('status=pending')).toEqual(['query.status']);
    expect(await field('page_size=5000')).toEqual(['query.page_size']);
    expect((await get('/requests/abc.json', keys.lens)).body.errors[0].field).toBe('param.service_request_id');
  });

  it('limits the requests of each key (429 with Retry-After)', async () => {
    const limited = createApp({ db: database(), config: readConfig({ VIGIE_OPEN311_RATE_PER_MINUTE: '3' }) });
    const statuses = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const response = await limited.request(`/open311/v2/services.json?api_key=${keys.lens}`);
      statuses.push(response.status);
      retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('records when each key was last used, and audits keys being added and revoked', async () => {
    const listed = await listApiKeys(database(), mine.organisationId);
    expect(listed.find((key) => key.label === 'Ville de Lens')).toMatchObject({ communes: ['62498'], revokedAt: null, createdByLabel: 'test:open311' });
    expect(listed.find((key) => key.label === 'Ville de Lens')!.lastUsedAt).toBeInstanceOf(Date);
    expect(listed.find((key) => key.label === 'Ancien partenaire')!.revokedAt).toBeInstanceOf(Date);
    const audited = await database().query<{ action: string }>(
      `SELECT action FROM audit_log WHERE organisation_id = $1 AND object_type = 'api_key' ORDER BY seq`, [mine.organisationId]);
    expect(audited.map((row) => row.action)).toEqual(['api_key.add', 'api_key.add', 'api_key.add', 'api_key.add', 'api_key.revoke']);
    const [stored] = await database().query<{ n: number }>('SELECT count(*) AS n FROM partner_api_keys WHERE key_hash = $1 OR label = $1', [keys.lens]);
    expect(stored!.n).toBe(0);
  });

  it('never lets free text or personal data out, in any answer above', async () => {
    const [held] = await database().query<{ n: number }>(`SELECT count(*) AS n FROM incidents WHERE description LIKE '%' || $1 || '%'`, [MARKER]);
    expect(held!.n).toBeGreaterThan(5);
    expect(answers.length).toBeGreaterThan(30);
    const leaks = answers.filter((text) => text.includes(MARKER) || /@vigie\.test|landlord_staff|victim|description.*Fait|rue de la Paix/.test(text));
    expect(leaks).toEqual([]);
  });
});
