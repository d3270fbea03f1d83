import { validationError } from '../../core/errors.js';

/** Keyset position of a list page: the last row's time and id, as an opaque URL-safe token. */
export interface Cursor {
  occurredAt: string;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.id])).toString('base64url');
}

export function decodeCursor(token: string): Cursor {
  try {
    const [occurredAt, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    if (typeof occurredAt === 'string' && !Number.isNaN(Date.parse(occurredAt)) && Number.isSafeInteger(id)) {
      return { occurredAt, id: id as number };
    }
  } catch {
    // Falls through to the validation error below.
  }
  throw validationError('Curseur invalide / Invalid cursor', [{ field: 'cursor', message: 'Reprendre le curseur donné par la page précédente / Use the cursor given by the previous page' }]);
}
