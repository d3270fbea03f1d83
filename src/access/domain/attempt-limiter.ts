/**
 * Counts events per key in a sliding window (in memory, per process). Used for login attempts
 * per client address and per account. Pure: the clock is passed in.
 */
export class AttemptLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    return Math.ceil((recent[recent.length - this.limit]! + this.windowMs - now) / 1000);
  }

  record(key: string, now: number): void {
    this.events.set(key, [...this.recent(key, now), now]);
    if (this.events.size > 10_000) this.sweep(now);
  }

  clear(key: string): void {
    this.events.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.events.get(key) ?? []).filter((time) => time > now - this.windowMs);
  }

  private sweep(now: number): void {
    for (const key of this.events.keys()) {
      if (this.recent(key, now).length === 0) this.events.delete(key);
    }
  }
}
