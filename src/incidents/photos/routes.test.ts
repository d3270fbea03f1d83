import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoleUsers, createTestUser, sessionClient, type SessionClient, type TestUser } from '../../../test/support/auth.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import type { Role } from '../../access/domain/roles.js';
import { systemActor } from '../../access/system-actor.js';
import { readConfig } from '../../core/config.js';
import { createApp } from '../../http/app.js';
import { attachmentStoreFor } from '../../storage/attachment-store.js';
import { PHOTO_LIMITS } from './domain/limits.js';
import { deletePhotosOlderThan } from './service.js';
import { hasGpsDirectory, photoWithGps, PRIVATE_MARKS } from './test-images.js';

type App = ReturnType<typeof createApp>;
interface Photo { id: number; incidentId: number; mediaType: string; width: number; height: number; url: string; thumbnailUrl: string }

describeEachEngine('incident photos API', (database) => {
  let root: string;
  let app: App;
  let patrimony: SmallPatrimony;
  let users: Record<Role, TestUser>;
  const clients = new Map<TestUser, SessionClient>();
  const as = async (user: TestUser) => {
    if (!clients.has(user)) clients.set(user, await sessionClient(app, user));
    return clients.get(user)!;
  };
  let gpsPhoto: Buffer;

  /** An incident recorded by `recorder`, in Lens (entrance A) or Arras (the house). */
  async function incident(where: 'lens' | 'arras', categoryCode = 'D.TAG', recorder: TestUser = users.observatory_officer): Promise<number> {
    const place = where === 'lens' ? { kind: 'entrance', id: patrimony.entranceIds.lensA } : { kind: 'building', id: patrimony.buildingIds.arrasHouse };
    const answer = await (await as(recorder)).request('POST', '/incidents', {
      place, occurredAt: new Date(Date.now() - 3_600_000).toISOString(), channel: 'caretaker', categoryCode, description: 'Dégradation constatée dans les parties communes',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.incident.id;
  }

  async function upload(user: TestUser | undefined, incidentId: number, file: Blob | undefined, idempotencyKey?: string) {
    const form = new FormData();
    if (file) form.append('photo', file, 'photo.jpg');
    const session = user ? (await as(user)).headers : {};
    const response = await app.request(`/api/incidents/${incidentId}/photos`, {
      method: 'POST', body: form, headers: { ...session, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    });
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: type.includes('json') ? await response.json() : await response.text() };
  }
  const jpeg = (bytes: Uint8Array, type = 'image/jpeg') => new Blob([new Uint8Array(bytes)], { type });

  async function bytesOf(user: TestUser, url: string) {
    const response = await app.request(url, { headers: (await as(user)).headers });
    return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
  }
  const storedFiles = async (incidentId: number) =>
    readdir(path.join(root, `org-${patrimony.organisationId}`, 'incidents', String(incidentId))).catch(() => [] as string[]);
  const auditActions = async (action: string) =>
    (await database().query<{ objectId: string }>('SELECT object_id AS "objectId" FROM audit_log WHERE action = $1 ORDER BY seq', [action])).map((row) => row.objectId);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vigie-photos-'));
    patrimony = await createSmallPatrimony(database());
    users = await createRoleUsers(database(), patrimony);
    app = createApp({ db: database(), config: readConfig({ VIGIE_ATTACHMENTS_DIR: root }) });
    gpsPhoto = await photoWithGps();
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('declares each route’s permission and refuses callers without a session', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-permission'?: string }>> };
    expect(doc.paths['/api/incidents/{incidentId}/photos']!.post!['x-permission']).toBe('record_incident');
    expect(doc.paths['/api/incidents/{incidentId}/photos']!.get!['x-permission']).toBe('read_incident');
    expect(doc.paths['/api/incidents/{incidentId}/photos/{photoId}']!.get!['x-permission']).toBe('read_incident');
    expect(doc.paths['/api/incidents/{incidentId}/photos/{photoId}/thumbnail']!.get!['x-permission']).toBe('read_incident');
    expect(doc.paths['/api/incidents/{incidentId}/photos/{photoId}']!.delete!['x-permission']).toBe('manage_incident');
    const id = await incident('lens');
    expect((await upload(undefined, id, jpeg(gpsPhoto))).status).toBe(401);
    expect((await app.request(`/api/incidents/${id}/photos`)).status).toBe(401);
  });

  it('stores an agent’s photo re-encoded without EXIF or GPS, with a thumbnail, and audits it', async () => {
    expect(hasGpsDirectory(gpsPhoto)).toBe(true);
    expect(gpsPhoto.includes(PRIVATE_MARKS.artist)).toBe(true);
    const id = await incident('lens');
    const added = await upload(users.agent, id, jpeg(gpsPhoto));
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const photo = added.body as Photo;
    expect(photo).toMatchObject({ incidentId: id, mediaType: 'image/jpeg', width: 1200, height: 900 });

    const served = await bytesOf(users.agent, photo.url);
    expect(served).toMatchObject({ status: 200, type: 'image/jpeg' });
    const [file] = (await storedFiles(id)).filter((name) => !name.includes('thumbnail'));
    const onDisk = await readFile(path.join(root, `org-${patrimony.organisationId}`, 'incidents', String(id), file!));
    for (const stored of [served.bytes, new Uint8Array(onDisk)]) {
      expect(hasGpsDirectory(stored)).toBe(false);
      expect(Buffer.from(stored).includes(PRIVATE_MARKS.artist)).toBe(false);
      expect(Buffer.from(stored).includes(PRIVATE_MARKS.datum)).toBe(false);
      expect((await sharp(stored).metadata()).exif).toBeUndefined();
    }
    const thumbnail = await bytesOf(users.agent, photo.thumbnailUrl);
    expect(thumbnail.type).toBe('image/jpeg');
    const size = await sharp(thumbnail.bytes).metadata();
    expect(Math.max(size.width!, size.height!)).toBe(PHOTO_LIMITS.thumbnailSide);
    expect(hasGpsDirectory(thumbnail.bytes)).toBe(false);

    const listed = await (await as(users.agent)).request('GET', `/incidents/${id}/photos`);
    expect(listed).toMatchObject({ status: 200, body: [{ id: photo.id }] });
    expect(await auditActions('incident_photo.add')).toContain(String(photo.id));
  });

  it('answers a retried upload with the same key with the same photo, stored once', async () => {
    const id = await incident('lens');
    const first = await upload(users.agent, id, jpeg(gpsPhoto), 'phone-42-photo-1');
    const retry = await upload(users.agent, id, jpeg(gpsPhoto), 'phone-42-photo-1');
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.id).toBe(first.body.id);
    const [row] = await database().query<{ n: number }>('SELECT count(*) AS n FROM incident_photos WHERE incident_id = $1', [id]);
    expect(row!.n).toBe(1);
    expect(await storedFiles(id)).toHaveLength(2);
    const elsewhere = await upload(users.agent, await incident('lens'), jpeg(gpsPhoto), 'phone-42-photo-1');
    expect(elsewhere.status).toBe(409);

    // Two sends racing (the phone's queue and a manual retry): one photo, the loser's files removed.
    const raced = await incident('lens');
    const both = await Promise.all([1, 2].map(() => upload(users.agent, raced, jpeg(gpsPhoto), 'phone-42-photo-2')));
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(both[0]!.body.id).toBe(both[1]!.body.id);
    expect(await storedFiles(raced)).toHaveLength(2);
  });

  it('refuses another agency’s agent (403), a role without the permission (403), and hides confidential incidents (404)', async () => {
    const arras = await incident('arras');
    const arrasPhoto = (await upload(users.observatory_officer, arras, jpeg(gpsPhoto))).body as Photo;
    expect((await upload(users.agent, arras, jpeg(gpsPhoto))).status).toBe(403);
    expect((await (await as(users.agent)).request('GET', `/incidents/${arras}/photos`)).status).toBe(403);
    expect((await bytesOf(users.agent, arrasPhoto.url)).status).toBe(403);
    for (const role of ['executive', 'partner', 'administrator'] as const) {
      expect((await (await as(users[role])).request('GET', `/incidents/${arras}/photos`)).status, role).toBe(403);
      expect((await upload(users[role], arras, jpeg(gpsPhoto))).status, role).toBe(403);
    }
    for (const user of [users.agent, users.observatory_officer]) expect((await (await as(user)).request('GET', '/incidents/999999/photos')).status).toBe(404);

    const threat = await incident('lens', 'E.THREAT');
    const confidential = (await upload(users.observatory_officer, threat, jpeg(gpsPhoto))).body as Photo;
    expect((await (await as(users.agent)).request('GET', `/incidents/${threat}/photos`)).status).toBe(404);
    expect((await upload(users.agent, threat, jpeg(gpsPhoto))).status).toBe(404);
    expect((await bytesOf(users.observatory_officer, confidential.url)).status).toBe(200);
    expect(await auditActions('incident_photo.read')).toEqual([String(confidential.id)]);
  });

  it('refuses other formats (415), oversized files (413), a missing file (400) and a sixth photo (409), naming the field', async () => {
    const id = await incident('lens');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    for (const file of [jpeg(gif, 'image/jpeg'), new Blob(['not an image'], { type: 'image/png' })]) {
      const refused = await upload(users.agent, id, file);
      expect(refused.status).toBe(415);
      expect(refused.body.errors[0].field).toBe('photo');
    }
    const huge = await upload(users.agent, id, new Blob([new Uint8Array(PHOTO_LIMITS.maxBytes + 100 * 1024)], { type: 'image/jpeg' }));
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].field).toBe('photo');
    const missing = await upload(users.agent, id, undefined);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toContain('photo');
    for (const [type, body] of [['multipart/form-data; boundary=xyz', 'not a form'], ['application/json', '{"photo":"x"}']] as const) {
      const odd = await app.request(`/api/incidents/${id}/photos`, { method: 'POST', body, headers: { ...(await as(users.agent)).headers, 'content-type': type } });
      expect(odd.status, type).toBeGreaterThanOrEqual(400);
      expect(odd.status, type).toBeLessThan(500);
    }

    const small = await photoWithGps(100, 80);
    for (let n = 0; n < PHOTO_LIMITS.maxPerIncident; n++) expect((await upload(users.agent, id, jpeg(small))).status).toBe(201);
    const sixth = await upload(users.agent, id, jpeg(small));
    expect(sixth.status).toBe(409);
    expect(await storedFiles(id)).toHaveLength(2 * PHOTO_LIMITS.maxPerIncident);
  });

  it('lets an agency manager delete a photo with its files (audited), not an agent', async () => {
    const id = await incident('lens');
    const photo = (await upload(users.agent, id, jpeg(gpsPhoto))).body as Photo;
    expect((await (await as(users.agent)).request('DELETE', `/incidents/${id}/photos/${photo.id}`)).status).toBe(403);
    const otherManager = await createTestUser(database(), patrimony.organisationId, 'agency_manager', { agencyIds: [patrimony.agencyIds.arras] }, 'manager.arras@vigie.test');
    expect((await (await as(otherManager)).request('DELETE', `/incidents/${id}/photos/${photo.id}`)).status).toBe(403);
    expect((await (await as(users.agency_manager)).request('DELETE', `/incidents/${id}/photos/${photo.id}`)).status).toBe(204);
    expect(await storedFiles(id)).toEqual([]);
    expect((await bytesOf(users.agent, photo.url)).status).toBe(404);
    expect(await auditActions('incident_photo.delete')).toContain(String(photo.id));
  });

  it('purges photos older than a date for the retention job, records and files', async () => {
    const id = await incident('lens');
    const old = (await upload(users.agent, id, jpeg(gpsPhoto))).body as Photo;
    const recent = (await upload(users.agent, id, jpeg(gpsPhoto))).body as Photo;
    await database().query(`UPDATE incident_photos SET uploaded_at = now() - interval '400 days' WHERE id = $1`, [old.id]);
    const store = attachmentStoreFor(readConfig({ VIGIE_ATTACHMENTS_DIR: root }).attachments);
    const cutoff = new Date(Date.now() - 365 * 86_400_000);
    expect(await deletePhotosOlderThan(database(), store, systemActor(patrimony.organisationId, 'cli:test-retention'), cutoff)).toBeGreaterThanOrEqual(1);
    const listed = await (await as(users.agent)).request('GET', `/incidents/${id}/photos`);
    expect(listed.body.map((photo: Photo) => photo.id)).toEqual([recent.id]);
    expect(await storedFiles(id)).toHaveLength(2);
    expect(await auditActions('incident_photo.purge')).toHaveLength(1);
  });
});

describe('photo limits', () => {
  it('are those the documentation states', () => {
    expect(PHOTO_LIMITS).toMatchObject({ maxBytes: 10 * 1024 * 1024, maxPerIncident: 5, thumbnailSide: 320 });
  });
});
