import { queryOne, type Queryable } from '../../db/database.js';
import type { Family } from '../domain/vocabulary.js';
import type { PhotoMediaType } from './domain/limits.js';

/** SQL only: photo metadata (the bytes are in the attachment store). */

export interface PhotoRow {
  id: number;
  incidentId: number;
  idempotencyKey: string | null;
  mediaType: PhotoMediaType;
  width: number;
  height: number;
  byteSize: number;
  storageKey: string;
  thumbnailKey: string;
  uploadedAt: Date;
  uploadedBy: number | null;
}

const COLUMNS = `id, incident_id AS "incidentId", idempotency_key AS "idempotencyKey", media_type AS "mediaType", width, height,
  byte_size AS "byteSize", storage_key AS "storageKey", thumbnail_key AS "thumbnailKey", uploaded_at AS "uploadedAt", uploaded_by AS "uploadedBy"`;

/** What decides who may see an incident (its confidentiality), locked when photos are about to be added. */
export function incidentFacts(db: Queryable, organisationId: number, incidentId: number, lock = false) {
  return queryOne<{ family: Family; agencyId: number; recordedBy: number | null }>(
    db,
    `SELECT family, agency_id AS "agencyId", recorded_by AS "recordedBy" FROM incidents
     WHERE organisation_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [organisationId, incidentId],
  );
}

export async function countPhotos(db: Queryable, organisationId: number, incidentId: number): Promise<number> {
  const [row] = await db.query<{ count: number }>('SELECT count(*) AS count FROM incident_photos WHERE organisation_id = $1 AND incident_id = $2', [organisationId, incidentId]);
  return row!.count;
}

export function listPhotos(db: Queryable, organisationId: number, incidentId: number) {
  return db.query<PhotoRow>(`SELECT ${COLUMNS} FROM incident_photos WHERE organisation_id = $1 AND incident_id = $2 ORDER BY id`, [organisationId, incidentId]);
}

export function findPhoto(db: Queryable, organisationId: number, incidentId: number, photoId: number) {
  return queryOne<PhotoRow>(db, `SELECT ${COLUMNS} FROM incident_photos WHERE organisation_id = $1 AND incident_id = $2 AND id = $3`, [organisationId, incidentId, photoId]);
}

export function findByIdempotencyKey(db: Queryable, organisationId: number, key: string) {
  return queryOne<PhotoRow>(db, `SELECT ${COLUMNS} FROM incident_photos WHERE organisation_id = $1 AND idempotency_key = $2`, [organisationId, key]);
}

export type NewPhoto = Omit<PhotoRow, 'id' | 'uploadedAt'>;

/** The stored row, or undefined when another upload with the same idempotency key won the race. */
export function insertPhoto(db: Queryable, organisationId: number, photo: NewPhoto) {
  return queryOne<PhotoRow>(
    db,
    `INSERT INTO incident_photos (organisation_id, incident_id, idempotency_key, media_type, width, height, byte_size, storage_key, thumbnail_key, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (organisation_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING ${COLUMNS}`,
    [organisationId, photo.incidentId, photo.idempotencyKey, photo.mediaType, photo.width, photo.height, photo.byteSize, photo.storageKey, photo.thumbnailKey, photo.uploadedBy],
  );
}

export function deletePhoto(db: Queryable, organisationId: number, incidentId: number, photoId: number) {
  return queryOne<PhotoRow>(db, `DELETE FROM incident_photos WHERE organisation_id = $1 AND incident_id = $2 AND id = $3 RETURNING ${COLUMNS}`, [organisationId, incidentId, photoId]);
}

export function deletePhotosUploadedBefore(db: Queryable, organisationId: number, before: Date) {
  return db.query<PhotoRow>(`DELETE FROM incident_photos WHERE organisation_id = $1 AND uploaded_at < $2 RETURNING ${COLUMNS}`, [organisationId, before]);
}
