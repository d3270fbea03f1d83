import { describe, expect, it } from 'vitest';
import { deliveryOf } from './delivery.js';

describe('deliveryOf', () => {
  it('counts a first recording and a recognised retry as done', () => {
    expect(deliveryOf(201)).toBe('done');
    expect(deliveryOf(200)).toBe('done');
  });
  it('waits for a new sign-in on 401', () => expect(deliveryOf(401)).toBe('signin'));
  it('retries later when the server is busy, down or racing the same key', () => {
    for (const status of [408, 409, 429, 500, 502, 503]) expect(deliveryOf(status), String(status)).toBe('later');
  });
  it('shows the agent a refusal of the draft itself', () => {
    for (const status of [400, 403, 404, 413, 415, 422]) expect(deliveryOf(status), String(status)).toBe('conflict');
  });
});
