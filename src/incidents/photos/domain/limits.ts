/**
 * What an incident photo may be. A phone photo is 2–6 MB; 10 MB leaves room without letting one
 * upload fill a disk. Five photos tell an incident; more is a file for the pre-litigation record.
 */
export const PHOTO_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxPerIncident: 5,
  /** Decoded size guard: a small file can still unpack into a huge bitmap. */
  maxPixels: 50_000_000,
  /** Longest side kept: enough to read a tag or a damage, far less than a full sensor. */
  longSide: 2560,
  thumbnailSide: 320,
} as const;

/** Formats accepted, as sharp names them after reading the bytes (the declared type is not trusted). */
export const ACCEPTED_FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
export type AcceptedFormat = keyof typeof ACCEPTED_FORMATS;
export type PhotoMediaType = (typeof ACCEPTED_FORMATS)[AcceptedFormat];

export const isAcceptedFormat = (format: string | undefined): format is AcceptedFormat =>
  format !== undefined && Object.hasOwn(ACCEPTED_FORMATS, format);

/** The file extension a stored photo gets from its type. */
export const EXTENSIONS: Record<PhotoMediaType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
