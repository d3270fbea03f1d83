import { beforeAll, expect, it } from 'vitest';
import { readConfig } from '../core/config.js';
import type { Database } from '../db/database.js';
import { loadDemoBoard } from '../deliberations/demo/service.js';
import { createApp } from '../http/app.js';
import type { VigieApp } from '../http/router.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { createRoleUsers, createTestUser, sessionClient, type SessionClient } from '../../test/support/auth.js';
import { PERMISSIONS, ROLES, roleAllows, type Permission, type Role } from './domain/roles.js';

/**
 * Every route of the OpenAPI document × every role × own perimeter / other perimeter / other
 * tenant. The routes come from the document itself, so a new route is in the matrix the day it
 * is added, and one without a declared permission fails the first test.
 */

/** Reachable without a session by design: they open or describe one. */
const PUBLIC_PATHS = new Set([
  '/api/health', '/api/settings', '/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/auth/password',
  '/api/auth/oidc/start', '/api/auth/oidc/callback',
]);

interface RouteEntry {
  method: string;
  path: string;
  permission: Permission | 'signed_in' | undefined;
  params: string[];
}

async function routesOf(app: VigieApp): Promise<RouteEntry[]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-permission'?: Permission | 'signed_in' }>> };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      permission: operation['x-permission'],
      params: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
    })),
  );
}

/** Where a route's objects lie: Lens (every role's perimeter), Arras (outside the Lens agents' and the partner's). */
type Place = 'lens' | 'arras';

/** One organisation's objects per path parameter; `arras` absent when the object has no place (board decisions). */
type ObjectIds = Record<string, Partial<Record<Place, number | string>>>;

async function objectsOf(db: Database, app: VigieApp, patrimony: SmallPatrimony): Promise<ObjectIds> {
  const org = patrimony.organisationId;
  const officer = await sessionClient(app, await createTestUser(db, org, 'observatory_officer', { wholeOrganisation: true }, `matrix.officer.${org}@vigie.test`));
  const incident = async (entranceOrBuilding: { kind: string; id: number }) => {
    const answer = await officer.request('POST', '/incidents', {
      place: entranceOrBuilding, occurredAt: '2026-01-10T10:00:00+01:00', channel: 'caretaker', categoryCode: 'D.TAG', description: 'Tags dans le hall',
    });
    if (answer.status !== 201) throw new Error(`fixture incident: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.incident.id as number;
  };
  const operation = async (place: Place, buildingId: number) => {
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO renovation_operations (organisation_id, external_id, name, end_date, directorate_id, programme_year)
       VALUES ($1, $2, $2, '2027-06-30', $3, 2026) RETURNING id`, [org, `OP-MATRIX-${place}`, patrimony.directorateId]);
    await db.query(
      `INSERT INTO renovation_operation_dwellings (organisation_id, operation_id, dwelling_id)
       SELECT organisation_id, $2, id FROM dwellings WHERE organisation_id = $1 AND building_id = $3`, [org, row!.id, buildingId]);
    const [line] = await db.query<{ id: number }>(
      `INSERT INTO financing_lines (organisation_id, operation_id, source, amount_cents, status) VALUES ($1, $2, 'own_funds', 100000, 'requested') RETURNING id`,
      [org, row!.id]);
    return { operationId: row!.id, lineId: line!.id };
  };
  await loadDemoBoard(db, org);
  const firstId = async (sql: string) => (await db.query<{ id: number }>(`${sql} ORDER BY id LIMIT 1`, [org]))[0]?.id;
  const lensOperation = await operation('lens', patrimony.buildingIds.lensTower);
  const arrasOperation = await operation('arras', patrimony.buildingIds.arrasHouse);
  return {
    incidentId: { lens: await incident({ kind: 'entrance', id: patrimony.entranceIds.lensA }), arras: await incident({ kind: 'building', id: patrimony.buildingIds.arrasHouse }) },
    residenceId: { lens: patrimony.residenceIds.lens, arras: patrimony.residenceIds.arras },
    buildingId: { lens: patrimony.buildingIds.lensTower, arras: patrimony.buildingIds.arrasHouse },
    entranceId: { lens: patrimony.entranceIds.lensA },
    operationId: { lens: lensOperation.operationId, arras: arrasOperation.operationId },
    lineId: { lens: lensOperation.lineId, arras: arrasOperation.lineId },
    code: { lens: 'D.TAG' },
    instanceId: { lens: await firstId('SELECT id FROM deliberation_instances WHERE organisation_id = $1') },
    memberId: { lens: await firstId('SELECT id FROM deliberation_members WHERE organisation_id = $1') },
    sessionId: { lens: await firstId('SELECT id FROM deliberation_sessions WHERE organisation_id = $1') },
    itemId: { lens: await firstId('SELECT id FROM deliberation_items WHERE organisation_id = $1') },
    linkId: { lens: await firstId('SELECT id FROM deliberation_links WHERE organisation_id = $1') },
  };
}

/** The route's path with each parameter replaced by the object of `place` in `objects`, or null when there is none. */
function pathFor(route: RouteEntry, objects: ObjectIds, place: Place): string | null {
  let path = route.path.replace(/^\/api/, '');
  for (const param of route.params) {
    const id = objects[param]?.[place];
    if (id === undefined) return null;
    path = path.replace(`{${param}}`, encodeURIComponent(String(id)));
  }
  return path;
}

const hasPermission = (role: Role, permission: RouteEntry['permission']) => permission === 'signed_in' || roleAllows(role, permission as Permission);
const label = (route: RouteEntry) => `${route.method} ${route.path}`;
const WRITE_BODY = {};
/** A success or a server error: anything but a refusal (403, 404, or 400 for a write whose empty body fails validation first). */
const reached = (status: number) => status < 400 || status >= 500;

describeEachEngine('authorisation matrix (every route × every role)', (database) => {
  let app: VigieApp;
  let routes: RouteEntry[];
  let mine: ObjectIds;
  let theirs: ObjectIds;
  const clients = {} as Record<Role, SessionClient>;

  beforeAll(async () => {
    const db = database();
    app = createApp({ db, config: readConfig({}) });
    routes = (await routesOf(app)).filter((route) => !PUBLIC_PATHS.has(route.path));
    const minePatrimony = await createSmallPatrimony(db);
    const theirPatrimony = await createSmallPatrimony(db, '272000029', 'Autre Habitat');
    mine = await objectsOf(db, app, minePatrimony);
    theirs = await objectsOf(db, app, theirPatrimony);
    const users = await createRoleUsers(db, minePatrimony);
    for (const role of ROLES) clients[role] = await sessionClient(app, users[role]);
  }, 120_000);

  it('declares a known permission on every route behind the session', () => {
    const undeclared = routes.filter((route) => route.permission !== 'signed_in' && !PERMISSIONS.includes(route.permission as Permission));
    expect(undeclared.map(label), 'spread ...permission(…) into these createRoute calls').toEqual([]);
  });

  it('has an object of each kind for every path parameter', () => {
    const missing = [...new Set(routes.flatMap((route) => route.params))].filter((param) => mine[param]?.lens === undefined || theirs[param]?.lens === undefined);
    expect(missing, 'add these parameters to objectsOf() in this test').toEqual([]);
  });

  it('answers 401 on every route to a caller without a session', async () => {
    const answered = [];
    for (const route of routes) {
      const response = await app.request(`/api${pathFor(route, mine, 'lens') ?? route.path.replace(/^\/api/, '')}`, { method: route.method });
      if (response.status !== 401) answered.push(`${label(route)} → ${response.status}`);
    }
    expect(answered).toEqual([]);
  });

  it('refuses with 403 every role whose permissions lack the route’s', async () => {
    const leaks = [];
    for (const route of routes) {
      const path = pathFor(route, mine, 'lens');
      if (!path) continue;
      for (const role of ROLES.filter((candidate) => !hasPermission(candidate, route.permission))) {
        const { status } = await clients[role].request(route.method, path, route.method === 'GET' ? undefined : WRITE_BODY);
        if (status !== 403) leaks.push(`${role} ${label(route)} → ${status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('never reaches another organisation’s object, whatever the role', async () => {
    const leaks = [];
    for (const route of routes.filter((candidate) => candidate.params.length > 0)) {
      const path = pathFor(route, theirs, 'lens');
      if (!path) continue;
      for (const role of ROLES.filter((candidate) => hasPermission(candidate, route.permission))) {
        const { status } = await clients[role].request(route.method, path, route.method === 'GET' ? undefined : WRITE_BODY);
        if (reached(status)) leaks.push(`${role} ${label(route)} → ${status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('refuses objects outside the perimeter of agency- and commune-bound roles', async () => {
    const leaks = [];
    for (const route of routes.filter((candidate) => candidate.params.length > 0)) {
      const path = pathFor(route, mine, 'arras');
      if (!path) continue;
      for (const role of (['agent', 'agency_manager', 'partner'] as const).filter((candidate) => hasPermission(candidate, route.permission))) {
        const { status } = await clients[role].request(route.method, path, route.method === 'GET' ? undefined : WRITE_BODY);
        if (reached(status)) leaks.push(`${role} ${label(route)} → ${status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('lets every role holding the permission past the access check in its own perimeter', async () => {
    const refused = [];
    for (const route of routes) {
      const path = pathFor(route, mine, 'lens');
      if (!path) continue;
      for (const role of ROLES.filter((candidate) => hasPermission(candidate, route.permission))) {
        // Reads only: a write with an empty body would be refused by validation (400) before the perimeter check.
        if (route.method !== 'GET') continue;
        const { status, body } = await clients[role].request(route.method, path);
        if (status === 401 || status === 403 || status >= 500) refused.push(`${role} ${label(route)} → ${status} ${body?.detail ?? ''}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
