import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('list cursor', () => {
  it('round-trips and refuses tampered tokens naming the field', () => {
    const cursor = { occurredAt: '2026-05-10T20:00:00.000Z', id: 123456789012 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const token of ['nope', Buffer.from('["x", 1]').toString('base64url'), Buffer.from('["2026-01-01", 1.5]').toString('base64url')]) {
      try {
        decodeCursor(token);
        expect.unreachable();
      } catch (error) {
        expect((error as AppError).errors[0]!.field).toBe('cursor');
      }
    }
  });
});
