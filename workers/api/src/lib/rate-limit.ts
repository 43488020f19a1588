import type { RateLimitOutcome } from "../../../../durable-objects/rate-limiter";

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
