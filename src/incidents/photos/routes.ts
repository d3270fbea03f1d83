import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { permission } from '../../access/route-permission.js';
import { AppError } from '../../core/errors.js';
import { errorResponses, IdParam, json, problem } from '../../http/openapi.js';
import { createRouter } from '../../http/router.js';
import { attachmentStoreFor } from '../../storage/attachment-store.js';
import { ACCEPTED_FORMATS, PHOTO_LIMITS } from './domain/limits.js';
import * as service from './service.js';

const tags = ['incident photos'];

const PhotoSchema = z
  .object({
    id: z.number().int(),
    incidentId: z.number().int(),
    mediaType: z.enum(Object.values(ACCEPTED_FORMATS) as [string, ...string[]]),
    width: z.number().int(),
    height: z.number().int(),
    byteSize: z.number().int(),
    uploadedAt: z.date().openapi({ type: 'string', format: 'date-time' }),
    url: z.string(),
    thumbnailUrl: z.string(),
  })
  .openapi('IncidentPhoto');

const UploadSchema = z.object({
  photo: z
    .custom<File>((value) => value instanceof File, { message: 'Une photo (fichier) est attendue / A photo file is expected' })
    .openapi({ type: 'string', format: 'binary', description: `JPEG, PNG or WebP, at most ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB` }),
});

const UploadHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().openapi({ description: 'Same key on a retry: the stored photo is answered (200) instead of a second one' }),
});

const PhotoParams = IdParam('incidentId').merge(IdParam('photoId'));
const image = (description: string) => ({
  content: Object.fromEntries(Object.values(ACCEPTED_FORMATS).map((type) => [type, { schema: { type: 'string' as const, format: 'binary' } }])),
  description,
});

const upload = createRoute({
  method: 'post', path: '/incidents/{incidentId}/photos', tags, ...permission('record_incident'),
  summary: 'Add a photo to an incident (re-encoded without EXIF/GPS metadata, thumbnail made)',
  request: { params: IdParam('incidentId'), headers: UploadHeaders, body: { content: { 'multipart/form-data': { schema: UploadSchema } }, required: true } },
  responses: {
    201: json(PhotoSchema, 'Stored'),
    200: json(PhotoSchema, 'Already stored with this idempotency key'),
    ...errorResponses,
    409: problem(`The incident already has ${PHOTO_LIMITS.maxPerIncident} photos, or the key belongs to another incident`),
    413: problem(`Larger than ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB`),
    415: problem('Not a JPEG, PNG or WebP image'),
  },
});

const list = createRoute({
  method: 'get', path: '/incidents/{incidentId}/photos', tags, ...permission('read_incident'), summary: 'The incident’s photos (metadata and links)',
  request: { params: IdParam('incidentId') },
  responses: { 200: json(z.array(PhotoSchema), 'Photos, oldest first'), ...errorResponses },
});

const content = (variant: service.PhotoVariant) =>
  createRoute({
    method: 'get', path: `/incidents/{incidentId}/photos/{photoId}${variant === 'thumbnail' ? '/thumbnail' : ''}`, tags, ...permission('read_incident'),
    summary: variant === 'thumbnail' ? `The photo’s ${PHOTO_LIMITS.thumbnailSide} px JPEG thumbnail` : 'The photo (metadata stripped)',
    request: { params: PhotoParams },
    responses: { 200: image('Image bytes'), ...errorResponses },
  });

const remove = createRoute({
  method: 'delete', path: '/incidents/{incidentId}/photos/{photoId}', tags, ...permission('manage_incident'), summary: 'Delete a photo and its files',
  request: { params: PhotoParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

// Refused while streaming, before the multipart body is buffered; the form's own overhead is allowed for.
const uploadLimit = bodyLimit({
  maxSize: PHOTO_LIMITS.maxBytes + 64 * 1024,
  onError: () => {
    throw new AppError('too_large', `Photo trop lourde / Photo too large (max ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB)`, [{ field: 'photo', message: 'Fichier trop lourd / File too large' }]);
  },
});

export function photoRoutes() {
  const router = createRouter();
  router.post('/incidents/:incidentId/photos', uploadLimit);
  const storeOf = (config: { attachments: Parameters<typeof attachmentStoreFor>[0] }) => attachmentStoreFor(config.attachments);

  router.openapi(upload, async (c) => {
    const { incidentId } = c.req.valid('param');
    const { photo } = c.req.valid('form');
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const bytes = new Uint8Array(await photo.arrayBuffer());
    const result = await service.addPhoto(c.get('db'), storeOf(c.get('config')), c.get('actor'), incidentId, { bytes, idempotencyKey });
    return c.json(result.photo, result.created ? 201 : 200);
  });

  router.openapi(list, async (c) => c.json(await service.listPhotos(c.get('db'), c.get('actor'), c.req.valid('param').incidentId), 200));

  for (const variant of ['photo', 'thumbnail'] as const) {
    router.openapi(content(variant), async (c) => {
      const { incidentId, photoId } = c.req.valid('param');
      const { bytes, mediaType } = await service.photoContent(c.get('db'), storeOf(c.get('config')), c.get('actor'), incidentId, photoId, variant);
      // No cache-control here: every /api answer is no-store (src/http/security-headers.ts).
      return c.body(new Uint8Array(bytes), 200, { 'content-type': mediaType });
    });
  }

  router.openapi(remove, async (c) => {
    const { incidentId, photoId } = c.req.valid('param');
    await service.deletePhoto(c.get('db'), storeOf(c.get('config')), c.get('actor'), incidentId, photoId);
    return c.body(null, 204);
  });
  return router;
}
