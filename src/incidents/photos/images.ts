import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../core/errors.js';
import { ACCEPTED_FORMATS, isAcceptedFormat, PHOTO_LIMITS, type AcceptedFormat, type PhotoMediaType } from './domain/limits.js';

export interface PreparedPhoto {
  bytes: Uint8Array;
  mediaType: PhotoMediaType;
  width: number;
  height: number;
  thumbnail: Uint8Array;
}

const unsupported = (detail: string) =>
  new AppError('unsupported_media_type', detail, [{ field: 'photo', message: `Formats acceptés / accepted: ${Object.values(ACCEPTED_FORMATS).join(', ')}` }]);

/**
 * Decodes the upload and encodes it again: the stored image keeps only pixels — no EXIF, GPS,
 * XMP or maker notes (sharp writes no metadata unless asked) — turned upright first since the
 * orientation tag goes too, and bounded in size. The thumbnail is a small JPEG for lists.
 */
export async function preparePhoto(upload: Uint8Array): Promise<PreparedPhoto> {
  const format = await readFormat(upload);
  const side = PHOTO_LIMITS.longSide;
  const resized = sharp(upload, { limitInputPixels: PHOTO_LIMITS.maxPixels }).rotate().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
  const encoded = format === 'jpeg' ? resized.jpeg({ quality: 85, mozjpeg: true }) : format === 'png' ? resized.png() : resized.webp({ quality: 85 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  // From the re-encoded image: already upright and stripped, and smaller to decode than the upload.
  const thumbnail = await sharp(data)
    .resize({ width: PHOTO_LIMITS.thumbnailSide, height: PHOTO_LIMITS.thumbnailSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 75 })
    .toBuffer();
  return { bytes: data, mediaType: ACCEPTED_FORMATS[format], width: info.width, height: info.height, thumbnail };
}

async function readFormat(upload: Uint8Array): Promise<AcceptedFormat> {
  let metadata: Metadata;
  try {
    metadata = await sharp(upload).metadata();
  } catch {
    throw unsupported('Fichier illisible comme image / The file is not a readable image');
  }
  if (!isAcceptedFormat(metadata.format)) throw unsupported(`Format d’image refusé / Image format not accepted: ${metadata.format ?? 'unknown'}`);
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > PHOTO_LIMITS.maxPixels) {
    throw new AppError('too_large', `Image trop grande / Image too large (max ${PHOTO_LIMITS.maxPixels} pixels)`, [{ field: 'photo', message: 'Trop de pixels / Too many pixels' }]);
  }
  return metadata.format;
}
