import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Database } from '../../src/db/database.js';
import { addApiKey, revokeApiKey } from '../../src/access/api-keys.js';
import { ROLES, type Permission, type Role } from '../../src/access/domain/roles.js';
import { systemActor } from '../../src/access/system-actor.js';
import { readConfig } from '../../src/core/config.js';
import { createApp } from '../../src/http/app.js';
import { loadDemoBoard } from '../../src/deliberations/demo/service.js';
import type { VigieApp } from '../../src/http/router.js';
import { createRoleUsers, createTestUser, sessionClient, type ApiAnswer, type SessionClient } from './auth.js';
import { createSmallPatrimony, type SmallPatrimony } from './fixtures.js';

/**
 * The API as the cross-cutting tests see it: its routes read from the OpenAPI document, and one
 * object of each kind per path parameter, placed in Lens or in Arras, for any organisation.
 */

/** Reachable without a session by design: they open or describe one. */
export const PUBLIC_PATHS = new Set([
  '/api/health', '/api/settings', '/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/auth/password',
  '/api/auth/oidc/start', '/api/auth/oidc/callback', '/open311/v2/discovery.json',
]);

export interface RouteEntry {
  method: string;
  path: string;
  permission: Permission | 'signed_in' | undefined;
  params: string[];
  operation: Operation;
  /** How the caller proves who it is: a session cookie (every /api route) or a partner's API key (Open311). */
  auth: 'session' | 'api_key';
}

/** The parts of the OpenAPI document the tests read. */
export type JsonSchema = Record<string, unknown>;
export interface Operation {
  'x-permission'?: Permission | 'signed_in';
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, { type: string }> };
}

export async function routesOf(app: VigieApp): Promise<RouteEntry[]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
  const byKey = (operation: Operation) => (operation.security ?? []).some((requirement) =>
    Object.keys(requirement).some((scheme) => doc.components?.securitySchemes?.[scheme]?.type === 'apiKey'));
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      permission: operation['x-permission'],
      params: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!),
      operation,
      auth: byKey(operation) ? 'api_key' as const : 'session' as const,
    })),
  );
}

/** Where a route's objects lie: Lens (every role's perimeter), Arras (outside the Lens agents' and the partner's). */
export type Place = 'lens' | 'arras';

const TINY_JPEG = sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } }).jpeg().toBuffer();

/**
 * Parameters whose value names the same thing in every organisation (a category code of the
 * shared nomenclature): asking for it never reaches another tenant's row.
 */
export const TENANT_NEUTRAL_PARAMS = new Set(['code', 'service_code']);

/** One organisation's objects per path parameter; `arras` absent when the object has no place (board decisions). */
export type ObjectIds = Record<string, Partial<Record<Place, number | string>>>;

export async function objectsOf(db: Database, app: VigieApp, patrimony: SmallPatrimony): Promise<ObjectIds> {
  const org = patrimony.organisationId;
  const officerAccount = await createTestUser(db, org, 'observatory_officer', { wholeOrganisation: true }, `matrix.officer.${org}@vigie.test`);
  const officer = await sessionClient(app, officerAccount);
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
  const preLitigationFile = async (incidentId: number) => {
    const answer = await officer.request('POST', '/pre-litigation/files', { title: 'Dossier de la matrice', incidentIds: [incidentId], persons: [] });
    if (answer.status !== 201) throw new Error(`fixture pre-litigation file: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.id as number;
  };
  const photo = async (incidentId: number) => {
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(await TINY_JPEG)], { type: 'image/jpeg' }), 'photo.jpg');
    const response = await app.request(`/api/incidents/${incidentId}/photos`, { method: 'POST', body: form, headers: officer.headers });
    if (response.status !== 201) throw new Error(`fixture photo: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: number }).id;
  };
  // A finished job of the fixture officer: the role clients are other users, for whom it does not exist (404).
  const job = async () => (await db.query<{ id: number }>(
    `INSERT INTO observatory_jobs (organisation_id, user_id, kind, parameters, status, result)
     VALUES ($1, $2, 'near_repeat', '{}', 'succeeded', '{}') RETURNING id`, [org, officer.user.id]))[0]!.id;
  const lensOperation = await operation('lens', patrimony.buildingIds.lensTower);
  const arrasOperation = await operation('arras', patrimony.buildingIds.arrasHouse);
  const incidentId = { lens: await incident({ kind: 'entrance', id: patrimony.entranceIds.lensA }), arras: await incident({ kind: 'building', id: patrimony.buildingIds.arrasHouse }) };
  return {
    incidentId,
    photoId: { lens: await photo(incidentId.lens), arras: await photo(incidentId.arras) },
    fileId: { lens: await preLitigationFile(incidentId.lens), arras: await preLitigationFile(incidentId.arras) },
    residenceId: { lens: patrimony.residenceIds.lens, arras: patrimony.residenceIds.arras },
    buildingId: { lens: patrimony.buildingIds.lensTower, arras: patrimony.buildingIds.arrasHouse },
    entranceId: { lens: patrimony.entranceIds.lensA },
    operationId: { lens: lensOperation.operationId, arras: arrasOperation.operationId },
    lineId: { lens: lensOperation.lineId, arras: arrasOperation.lineId },
    code: { lens: 'D.TAG' },
    // An account is the organisation's, not a place's: administrators manage them all.
    userId: { lens: officerAccount.id },
    service_code: { lens: 'D.TAG' },
    service_request_id: incidentId,
    instanceId: { lens: await firstId('SELECT id FROM deliberation_instances WHERE organisation_id = $1') },
    memberId: { lens: await firstId('SELECT id FROM deliberation_members WHERE organisation_id = $1') },
    sessionId: { lens: await firstId('SELECT id FROM deliberation_sessions WHERE organisation_id = $1') },
    itemId: { lens: await firstId('SELECT id FROM deliberation_items WHERE organisation_id = $1') },
    linkId: { lens: await firstId('SELECT id FROM deliberation_links WHERE organisation_id = $1') },
    jobId: { lens: await job() },
  };
}

/** The route's path with each parameter replaced by the object of `place` in `objects`, or null when there is none. */
export function pathFor(route: RouteEntry, objects: ObjectIds, place: Place): string | null {
  let path = route.path.replace(/^\/api/, '');
  for (const param of route.params) {
    const id = objects[param]?.[place];
    if (id === undefined) return null;
    path = path.replace(`{${param}}`, encodeURIComponent(String(id)));
  }
  return path;
}

/** Requests made with a partner's API key (none: `undefined`); `path` is absolute, the key rides in `api_key`. */
export interface KeyClient {
  request<T = any>(method: string, path: string): Promise<ApiAnswer<T>>;
}

export function keyClient(app: VigieApp, key: string | undefined): KeyClient {
  return {
    async request(method, path) {
      const url = key ? `${path}${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(key)}` : path;
      const response = await app.request(url, { method });
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, body: type.includes('json') ? await response.json() : await response.text(), headers: response.headers };
    },
  };
}

/** Partner keys: over Lens or Arras of the first organisation, over both, over Lens of the other one, and one revoked. */
export type KeyName = 'lens' | 'arras' | 'both' | 'theirs' | 'revoked';

/** The whole API over two organisations holding objects of every kind, signed in as each role of the first. */
export interface ApiUnderTest {
  app: VigieApp;
  /** Every route behind the session. */
  routes: RouteEntry[];
  /** Every route behind a partner's API key. */
  keyRoutes: RouteEntry[];
  mine: ObjectIds;
  theirs: ObjectIds;
  clients: Record<Role, SessionClient>;
  keys: Record<KeyName, KeyClient>;
  cleanUp(): Promise<void>;
}

async function partnerKeys(db: Database, app: VigieApp, mine: number, theirs: number): Promise<Record<KeyName, KeyClient>> {
  const add = async (organisationId: number, communes: string[]) =>
    addApiKey(db, systemActor(organisationId, 'test:matrix'), { label: `Partenaire ${communes.join(' ')}`, communes });
  const revoked = await add(mine, ['62498']);
  await revokeApiKey(db, systemActor(mine, 'test:matrix'), revoked.id);
  return {
    lens: keyClient(app, (await add(mine, ['62498'])).key),
    arras: keyClient(app, (await add(mine, ['62041'])).key),
    both: keyClient(app, (await add(mine, ['62498', '62041'])).key),
    theirs: keyClient(app, (await add(theirs, ['62498'])).key),
    revoked: keyClient(app, revoked.key),
  };
}

export async function apiUnderTest(db: Database): Promise<ApiUnderTest> {
  const attachments = await mkdtemp(path.join(tmpdir(), 'vigie-attachments-'));
  const app = createApp({ db, config: readConfig({ VIGIE_ATTACHMENTS_DIR: attachments }) });
  const guarded = (await routesOf(app)).filter((route) => !PUBLIC_PATHS.has(route.path));
  const minePatrimony = await createSmallPatrimony(db);
  const theirPatrimony = await createSmallPatrimony(db, '272000029', 'Autre Habitat');
  const mine = await objectsOf(db, app, minePatrimony);
  const theirs = await objectsOf(db, app, theirPatrimony);
  const users = await createRoleUsers(db, minePatrimony);
  const clients = {} as Record<Role, SessionClient>;
  for (const role of ROLES) clients[role] = await sessionClient(app, users[role]);
  return {
    app, routes: guarded.filter((route) => route.auth === 'session'), keyRoutes: guarded.filter((route) => route.auth === 'api_key'),
    mine, theirs, clients, keys: await partnerKeys(db, app, minePatrimony.organisationId, theirPatrimony.organisationId),
    cleanUp: () => rm(attachments, { recursive: true, force: true }),
  };
}
