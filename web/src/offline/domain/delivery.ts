/**
 * What to do with an answer to a queued write:
 * - `done`: recorded (201, or 200 for a retry the server recognised by its idempotency key);
 * - `signin`: the session ended; the queue waits for the agent to sign in again;
 * - `later`: the server is busy or down, or an idempotent retry raced another; try again later;
 * - `conflict`: the server refuses this draft as it is (place removed, category retired, photo
 *   too large…): the agent must see why; the draft stays on the phone.
 */
export type Delivery = 'done' | 'signin' | 'later' | 'conflict';

export function deliveryOf(status: number): Delivery {
  if (status >= 200 && status < 300) return 'done';
  if (status === 401) return 'signin';
  if (status === 408 || status === 409 || status === 425 || status === 429 || status >= 500) return 'later';
  return 'conflict';
}
