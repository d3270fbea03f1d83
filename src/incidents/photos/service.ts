import { randomUUID } from 'node:crypto';
import { auditWrite } from '../../access/audit.js';
import { requireAccess } from '../../access/authorize.js';
import type { Permission } from '../../access/domain/roles.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import type { Database, Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import type { AttachmentStore } from '../../storage/attachment-store.js';
import { attachmentKey } from '../../storage/keys.js';
import { canViewIncident, CONFIDENTIAL_FAMILIES, viewerOf } from '../domain/confidentiality.js';
import { EXTENSIONS, PHOTO_LIMITS } from './domain/limits.js';
import { preparePhoto } from './images.js';
import * as repository from './repository.js';

export interface Photo {
  id: number;
  incidentId: number;
  mediaType: string;
  width: number;
  height: number;
  byteSize: number;
  uploadedAt: Date;
  url: string;
  thumbnailUrl: string;
}

const toPhoto = (row: repository.PhotoRow): Photo => {
  const url = `/api/incidents/${row.incidentId}/photos/${row.id}`;
  return { id: row.id, incidentId: row.incidentId, mediaType: row.mediaType, width: row.width, height: row.height, byteSize: row.byteSize, uploadedAt: row.uploadedAt, url, thumbnailUrl: `${url}/thumbnail` };
};

/**
 * The incident's confidentiality facts once the actor's perimeter for `permission` covers it; a
 * confidential incident the actor may not see answers 404, as the incident itself does.
 */
async function accessibleIncident(db: Queryable, actor: Actor, permission: Permission, incidentId: number, lock = false) {
  await requireAccess(db, actor, permission, { kind: 'incident', id: incidentId });
  const facts = await repository.incidentFacts(db, actor.organisationId, incidentId, lock);
  if (!facts || !canViewIncident(viewerOf(actor), { ...facts, organisationId: actor.organisationId })) throw notFound(`Incident ${incidentId}`);
  return facts;
}

const tooManyPhotos = () => conflict(`Au plus ${PHOTO_LIMITS.maxPerIncident} photos par incident / At most ${PHOTO_LIMITS.maxPerIncident} photos per incident`);

export interface PhotoUpload {
  bytes: Uint8Array;
  /** Sent by a phone with each photo it captured offline: a retry gives back the stored photo. */
  idempotencyKey?: string;
}

/** Stores a photo of the incident, stripped of its metadata; `created` is false for a retried upload. */
export async function addPhoto(db: Database, store: AttachmentStore, actor: Actor, incidentId: number, upload: PhotoUpload): Promise<{ photo: Photo; created: boolean }> {
  await accessibleIncident(db, actor, 'record_incident', incidentId);
  const retried = upload.idempotencyKey ? await sameKey(db, actor, incidentId, upload.idempotencyKey) : undefined;
  if (retried) return { photo: retried, created: false };
  if (upload.bytes.byteLength > PHOTO_LIMITS.maxBytes) {
    throw new AppError('too_large', `Photo trop lourde / Photo too large (max ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB)`, [{ field: 'photo', message: 'Fichier trop lourd / File too large' }]);
  }
  if ((await repository.countPhotos(db, actor.organisationId, incidentId)) >= PHOTO_LIMITS.maxPerIncident) throw tooManyPhotos();
  const prepared = await preparePhoto(upload.bytes);
  const name = randomUUID();
  const keys = {
    storageKey: attachmentKey(actor.organisationId, 'incidents', incidentId, `${name}.${EXTENSIONS[prepared.mediaType]}`),
    thumbnailKey: attachmentKey(actor.organisationId, 'incidents', incidentId, `${name}-thumbnail.jpg`),
  };
  await store.put(keys.storageKey, prepared.bytes, prepared.mediaType);
  await store.put(keys.thumbnailKey, prepared.thumbnail, 'image/jpeg');
  try {
    const row = await db.transaction(async (tx) => {
      await accessibleIncident(tx, actor, 'record_incident', incidentId, true);
      if ((await repository.countPhotos(tx, actor.organisationId, incidentId)) >= PHOTO_LIMITS.maxPerIncident) throw tooManyPhotos();
      const inserted = await repository.insertPhoto(tx, actor.organisationId, {
        incidentId, idempotencyKey: upload.idempotencyKey ?? null, mediaType: prepared.mediaType, width: prepared.width, height: prepared.height,
        byteSize: prepared.bytes.byteLength, ...keys, uploadedBy: actor.userId ?? null,
      });
      if (inserted) await auditWrite(tx, actor, { action: 'incident_photo.add', objectType: 'incident_photo', objectId: inserted.id, after: auditedFacts(inserted) });
      return inserted;
    });
    if (row) return { photo: toPhoto(row), created: true };
  } catch (error) {
    await removeFiles(store, keys);
    throw error;
  }
  // A concurrent retry with the same key stored it first: keep that one.
  await removeFiles(store, keys);
  return { photo: (await sameKey(db, actor, incidentId, upload.idempotencyKey!))!, created: false };
}

async function sameKey(db: Queryable, actor: Actor, incidentId: number, key: string): Promise<Photo | undefined> {
  const existing = await repository.findByIdempotencyKey(db, actor.organisationId, key);
  if (!existing) return undefined;
  if (existing.incidentId !== incidentId) throw conflict('Clé d’idempotence déjà utilisée pour un autre incident / Idempotency key already used for another incident');
  return toPhoto(existing);
}

const auditedFacts = (row: repository.PhotoRow) => ({ incidentId: row.incidentId, mediaType: row.mediaType, width: row.width, height: row.height, byteSize: row.byteSize });

async function removeFiles(store: AttachmentStore, row: Pick<repository.PhotoRow, 'storageKey' | 'thumbnailKey'>): Promise<void> {
  await Promise.all([store.delete(row.storageKey), store.delete(row.thumbnailKey)]);
}

export async function listPhotos(db: Queryable, actor: Actor, incidentId: number): Promise<Photo[]> {
  await accessibleIncident(db, actor, 'read_incident', incidentId);
  return (await repository.listPhotos(db, actor.organisationId, incidentId)).map(toPhoto);
}

export type PhotoVariant = 'photo' | 'thumbnail';

/** The image bytes; reading a photo of a confidential incident is audited like reading the incident. */
export async function photoContent(db: Database, store: AttachmentStore, actor: Actor, incidentId: number, photoId: number, variant: PhotoVariant) {
  const facts = await accessibleIncident(db, actor, 'read_incident', incidentId);
  const row = await repository.findPhoto(db, actor.organisationId, incidentId, photoId);
  if (!row) throw notFound(`Photo ${photoId}`);
  const bytes = await store.get(variant === 'photo' ? row.storageKey : row.thumbnailKey);
  if (!bytes) throw notFound(`Photo ${photoId} (fichier absent / file missing)`);
  if (CONFIDENTIAL_FAMILIES.includes(facts.family)) {
    await db.transaction((tx) => auditWrite(tx, actor, { action: 'incident_photo.read', objectType: 'incident_photo', objectId: photoId, after: { incidentId, variant } }));
  }
  return { bytes, mediaType: variant === 'photo' ? row.mediaType : 'image/jpeg' };
}

/** Deletes the photo's record (audited) and then its files. */
export async function deletePhoto(db: Database, store: AttachmentStore, actor: Actor, incidentId: number, photoId: number): Promise<void> {
  const row = await db.transaction(async (tx) => {
    await accessibleIncident(tx, actor, 'manage_incident', incidentId);
    const deleted = await repository.deletePhoto(tx, actor.organisationId, incidentId, photoId);
    if (!deleted) throw notFound(`Photo ${photoId}`);
    await auditWrite(tx, actor, { action: 'incident_photo.delete', objectType: 'incident_photo', objectId: photoId, before: auditedFacts(deleted) });
    return deleted;
  });
  await removeFiles(store, row);
}

/**
 * Retention hook: deletes every photo of the actor's organisation uploaded before `before`, records
 * and files, audited as one purge. For the retention job (a system actor on the owner database).
 */
export async function deletePhotosOlderThan(db: Database, store: AttachmentStore, actor: Actor, before: Date): Promise<number> {
  const rows = await db.transaction(async (tx) => {
    const deleted = await repository.deletePhotosUploadedBefore(tx, actor.organisationId, before);
    if (deleted.length > 0) {
      await auditWrite(tx, actor, { action: 'incident_photo.purge', objectType: 'incident_photo', objectId: null, after: { uploadedBefore: before, count: deleted.length } });
    }
    return deleted;
  });
  for (const row of rows) await removeFiles(store, row);
  return rows.length;
}
