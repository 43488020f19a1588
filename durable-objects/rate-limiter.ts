/**
 * Fixed-window request counting for one key (an API key, a user, a login email or a network): one object
 * per key, so limits hold across every isolate and location. Counts live in memory: if the object is
 * evicted the window starts over, which errs on the side of letting a caller through, never of locking
 * one out.
 */
import { DurableObject } from "cloudflare:workers";

export interface RateLimitOutcome {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export class RateLimiter extends DurableObject<Record<string, unknown>> {
  private windowStart = 0;
  private used = 0;

  /** Counts `cost` against `limit` per `windowSeconds`; a refused request costs nothing. */
  async take(limit: number, windowSeconds: number, cost = 1, now = Date.now()): Promise<RateLimitOutcome> {
    const windowMs = windowSeconds * 1000;
    const start = now - (now % windowMs);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
    const allowed = this.used + cost <= limit;
    if (allowed) this.used += cost;
    return { allowed, limit, remaining: Math.max(0, limit - this.used), resetSeconds: Math.ceil((start + windowMs - now) / 1000) };
  }

  /** Forgets the count (a successful sign-in clears the failures of its email). */
  async reset(): Promise<void> {
    this.used = 0;
  }
}
