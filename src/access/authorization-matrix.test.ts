import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VigieApp } from '../http/router.js';
import { describeEachEngine } from '../../test/support/engines.js';
import type { SessionClient } from '../../test/support/auth.js';
import { apiUnderTest, keyClient, pathFor, TENANT_NEUTRAL_PARAMS, type KeyClient, type KeyName, type ObjectIds, type Place, type RouteEntry } from '../../test/support/api-routes.js';
import { PERMISSIONS, ROLES, roleAllows, type Permission, type Role } from './domain/roles.js';

/**
 * Every route of the OpenAPI document × every role × own perimeter / other perimeter / other
 * tenant. The routes come from the document itself, so a new route is in the matrix the day it
 * is added, and one without a declared permission fails the first test.
 */

const hasPermission = (role: Role, permission: RouteEntry['permission']) => permission === 'signed_in' || roleAllows(role, permission as Permission);
const label = (route: RouteEntry) => `${route.method} ${route.path}`;
const WRITE_BODY = {};
/** A success or a server error: anything but a refusal (403, 404, or 400 for a write whose empty body fails validation first). */
const reached = (status: number) => status < 400 || status >= 500;
/** The request ids a GeoReport answer publishes, in JSON or in XML. */
const publishedIds = (body: unknown): number[] =>
  typeof body === 'string' ? [...body.matchAll(/<service_request_id>(\d+)</g)].map((match) => Number(match[1]))
    : Array.isArray(body) ? body.map((request: { service_request_id?: string }) => Number(request.service_request_id)) : [];
const TENANT_BOUND = (route: RouteEntry) => route.params.some((param) => !TENANT_NEUTRAL_PARAMS.has(param));

describeEachEngine('authorisation matrix (every route × every role)', (database) => {
  let app: VigieApp;
  let routes: RouteEntry[];
  let mine: ObjectIds;
  let theirs: ObjectIds;
  let clients: Record<Role, SessionClient>;
  let keyRoutes: RouteEntry[];
  let keys: Record<KeyName, KeyClient>;
  let cleanUp: (() => Promise<void>) | undefined;
  afterAll(() => cleanUp?.());

  beforeAll(async () => {
    ({ app, routes, keyRoutes, mine, theirs, clients, keys, cleanUp } = await apiUnderTest(database()));
  }, 120_000);

  it('declares a known permission on every route behind the session', () => {
    const undeclared = [...routes, ...keyRoutes].filter((route) => route.permission !== 'signed_in' && !PERMISSIONS.includes(route.permission as Permission));
    expect(undeclared.map(label), 'spread ...permission(…) into these createRoute calls').toEqual([]);
  });

  it('has an object of each kind for every path parameter', () => {
    const missing = [...new Set([...routes, ...keyRoutes].flatMap((route) => route.params))].filter((param) => mine[param]?.lens === undefined || theirs[param]?.lens === undefined);
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
    for (const route of routes.filter((candidate) => candidate.params.length > 0 && !candidate.params.some((param) => TENANT_NEUTRAL_PARAMS.has(param)))) {
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

  describe('routes behind a partner’s API key (Open311)', () => {
    /** The route's path for `place`, over all time when it lists (the fixtures are older than the default window). */
    const keyPath = (route: RouteEntry, objects: ObjectIds, place: Place) => {
      const path = pathFor(route, objects, place);
      const lists = route.operation.parameters?.some((parameter) => parameter.name === 'start_date');
      return path && lists ? `${path}?start_date=2000-01-01T00:00:00Z` : path;
    };
    const answers = async (key: KeyClient, objects: ObjectIds, place: Place) => {
      const result = [];
      for (const route of keyRoutes) {
        const path = keyPath(route, objects, place);
        if (path) result.push({ route, path, ...(await key.request(route.method, path)) });
      }
      return result;
    };

    it('covers the Open311 routes', () => {
      expect(keyRoutes.map((route) => route.path)).toEqual(expect.arrayContaining(['/open311/v2/requests.json', '/open311/v2/requests/{service_request_id}.xml']));
    });

    it('answers 401 without a key, with a revoked key, and to a session without a key', async () => {
      const answered = [];
      for (const route of keyRoutes) {
        const path = keyPath(route, mine, 'lens')!;
        const bySession = await app.request(path, { headers: clients.observatory_officer.headers });
        const statuses = [(await keyClient(app, undefined).request(route.method, path)).status, (await keys.revoked.request(route.method, path)).status, bySession.status];
        if (statuses.some((status) => status !== 401)) answered.push(`${label(route)} → ${statuses.join(', ')}`);
      }
      expect(answered).toEqual([]);
    });

    it('lets each key read its own communes, and lists what lies there', async () => {
      const refused = [];
      for (const [key, place, own] of [[keys.lens, 'lens', [mine.incidentId!.lens]], [keys.arras, 'arras', [mine.incidentId!.arras]], [keys.both, 'lens', [mine.incidentId!.lens, mine.incidentId!.arras]]] as const) {
        for (const answer of await answers(key, mine, place)) {
          if (answer.status !== 200) refused.push(`${place} ${label(answer.route)} → ${answer.status}`);
          const lists = answer.path.includes('start_date');
          if (lists && !own.every((id) => publishedIds(answer.body).includes(id as number))) refused.push(`${place} ${label(answer.route)} lacks ${own}`);
        }
      }
      expect(refused).toEqual([]);
    });

    it('never shows a key anything of another organisation', async () => {
      const leaks = [];
      const theirIds = Object.values(theirs.incidentId!);
      const mineIds = Object.values(mine.incidentId!);
      for (const answer of await answers(keys.lens, theirs, 'lens')) {
        if (TENANT_BOUND(answer.route) && reached(answer.status)) leaks.push(`mine → their ${label(answer.route)} → ${answer.status}`);
        if (publishedIds(answer.body).some((id) => theirIds.includes(id))) leaks.push(`mine → their ${label(answer.route)} lists theirs`);
      }
      for (const answer of await answers(keys.theirs, mine, 'lens')) {
        if (TENANT_BOUND(answer.route) && reached(answer.status)) leaks.push(`theirs → my ${label(answer.route)} → ${answer.status}`);
        if (publishedIds(answer.body).some((id) => mineIds.includes(id))) leaks.push(`theirs → my ${label(answer.route)} lists mine`);
      }
      expect(leaks).toEqual([]);
    });

    it('never shows a key limited to one commune anything of another', async () => {
      const leaks = [];
      for (const [key, place, other] of [[keys.lens, 'arras', mine.incidentId!.arras], [keys.arras, 'lens', mine.incidentId!.lens]] as const) {
        for (const answer of await answers(key, mine, place)) {
          if (TENANT_BOUND(answer.route) && reached(answer.status)) leaks.push(`${place} ${label(answer.route)} → ${answer.status}`);
          if (publishedIds(answer.body).includes(other as number)) leaks.push(`${place} ${label(answer.route)} lists ${other}`);
        }
      }
      expect(leaks).toEqual([]);
    });
  });
});
