import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.js';

describe('attempt limiter', () => {
  it('allows `limit` events per window and says when the oldest one leaves it', () => {
    const limiter = new AttemptLimiter(3, 60_000);
    for (const at of [0, 10_000, 20_000]) {
      expect(limiter.retryAfter('ip', at)).toBe(0);
      limiter.record('ip', at);
    }
    expect(limiter.retryAfter('ip', 30_000)).toBe(30);
    expect(limiter.retryAfter('other', 30_000)).toBe(0);
    expect(limiter.retryAfter('ip', 60_001)).toBe(0);
  });

  it('forgets a key when cleared', () => {
    const limiter = new AttemptLimiter(1, 60_000);
    limiter.record('a', 0);
    expect(limiter.retryAfter('a', 1)).toBe(60);
    limiter.clear('a');
    expect(limiter.retryAfter('a', 1)).toBe(0);
  });
});
