/**
 * The one gate of every /v1 operation: who is calling (an API key, or a signed-in user's access token),
 * whether they may do this, whether they are within their rate limit, and then the tenant-scoped
 * transaction (row-level security) in which the route runs.
 */
import type { MiddlewareHandler } from "hono";
import { can, type Permission, type Principal } from "../../../../core/auth/access";
import { looksLikeJwt, verifyAccessToken } from "../../../../core/auth/session-token";
import type { Database } from "../../../../db/client";
import { touchApiKey, verifyApiKey } from "../../../../db/queries/api-keys";
import { findSessionPrincipal } from "../../../../db/queries/sessions";
import { inTenantScope } from "../../../../db/tenant-scope";
import type { ApiEnv, ApiHonoEnv } from "../env";
import { problemFor } from "../lib/problem";
import { rateLimitHeaders } from "../lib/rate-limit";

export interface AuthenticateOptions {
  /** What the caller must be allowed to do (a key's scope, or granted by the user's role). */
  permission: Permission;
}

async function principalOf(env: ApiEnv, db: Database, token: string): Promise<Principal | null> {
  if (looksLikeJwt(token)) {
    const claims = await verifyAccessToken(token, env.JWT_SECRET);
    return claims ? findSessionPrincipal(db, claims) : null;
  }
  return verifyApiKey(db, token);
}

export function authenticate(options: AuthenticateOptions): MiddlewareHandler<ApiHonoEnv> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
    if (!match) return problemFor(c, "unauthorized", { detail: "Send an API key or an access token as `Authorization: Bearer <token>`." });
    const { db } = c.get("database");
    const principal = await principalOf(c.env, db, match[1]);
    if (!principal) return problemFor(c, "unauthorized", { detail: "The API key or token is unknown, revoked or expired." });
    if (!can(principal, options.permission)) {
      const who = principal.kind === "api_key" ? "This key lacks the" : `The ${principal.role} role lacks the`;
      return problemFor(c, "forbidden", { detail: `${who} \`${options.permission}\` permission.` });
    }
    c.set("principal", principal);

    const limit = await takeRateLimit(c.env, principal);
    if (limit) {
      for (const [name, value] of Object.entries(rateLimitHeaders(limit))) c.header(name, value);
      if (!limit.allowed) {
        c.header("retry-after", String(limit.resetSeconds));
        return problemFor(c, "rate_limited", { detail: `At most ${limit.limit} requests per minute; try again in ${limit.resetSeconds} s.` });
      }
    }
    if (principal.kind === "api_key") c.executionCtx.waitUntil(touchApiKey(db, principal.keyId).catch(() => {}));

    await inTenantScope(db, principal.tenantId, async (tx) => {
      c.set("db", tx);
      await next();
      // Hono turned a thrown error into the error response already; rethrowing rolls the work back.
      if (c.error) throw c.error;
    }).catch((error: unknown) => {
      if (error !== c.error) throw error;
    });
  };
}

/** Null when the limiter cannot be reached: an outage of the counter must not take the API down. */
async function takeRateLimit(env: ApiEnv, principal: Principal) {
  const perMinute = Number(env.API_RATE_LIMIT_PER_MINUTE ?? "600");
  const key = principal.kind === "api_key" ? `key:${principal.keyId}` : `user:${principal.userId}`;
  try {
    return await env.RATE_LIMITER.getByName(key).take(perMinute, 60);
  } catch {
    return null;
  }
}
