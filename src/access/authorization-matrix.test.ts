import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VigieApp } from '../http/router.js';
import { describeEachEngine } from '../../test/support/engines.js';
import type { SessionClient } from '../../test/support/auth.js';
import { apiUnderTest, pathFor, TENANT_NEUTRAL_PARAMS, type ObjectIds, type RouteEntry } from '../../test/support/api-routes.js';
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

describeEachEngine('authorisation matrix (every route × every role)', (database) => {
  let app: VigieApp;
  let routes: RouteEntry[];
  let mine: ObjectIds;
  let theirs: ObjectIds;
  let clients: Record<Role, SessionClient>;
  let cleanUp: (() => Promise<void>) | undefined;
  afterAll(() => cleanUp?.());

  beforeAll(async () => {
    ({ app, routes, mine, theirs, clients, cleanUp } = await apiUnderTest(database()));
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
});
