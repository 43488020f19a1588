import type { RateLimitOutcome } from "../../../../durable-objects/rate-limiter";
import type { ApiEnv } from "../env";

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers), in the widely deployed
 * separate-field form, plus the policy so clients can pace themselves.
 */
export function rateLimitHeaders(o: RateLimitOutcome, windowSeconds = 60): Record<string, string> {
  return {
    "ratelimit-limit": String(o.limit),
    "ratelimit-remaining": String(o.remaining),
    "ratelimit-reset": String(o.resetSeconds),
    "ratelimit-policy": `${o.limit};w=${windowSeconds}`,
  };
}

/** Counts one request against `key`; null when the limiter cannot be reached, since an outage of the counter must not take the API down. */
export async function takeRateLimit(env: ApiEnv, key: string, limit: number, windowSeconds: number): Promise<RateLimitOutcome | null> {
  try {
    return await env.RATE_LIMITER.getByName(key).take(limit, windowSeconds);
  } catch {
    return null;
  }
}
