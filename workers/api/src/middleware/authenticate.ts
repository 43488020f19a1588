/**
 * The one gate of every /v1 operation: who is calling (an API key, or a signed-in user's access token),
 * whether they may do this, whether they are within their rate limit, and then the tenant-scoped
 * transaction (row-level security) in which the route runs.
 */
import type { MiddlewareHandler } from "hono";
import { actorOf, can, type Permission, type Principal } from "../../../../core/auth/access";
import { looksLikeJwt, verifyAccessToken } from "../../../../core/auth/session-token";
import type { Database } from "../../../../db/client";
import { touchApiKey, verifyApiKey } from "../../../../db/queries/api-keys";
import { findSessionPrincipal } from "../../../../db/queries/sessions";
import { inTenantScope } from "../../../../db/tenant-scope";
import type { ApiEnv, ApiHonoEnv } from "../env";
import { finishIdempotent, startIdempotent } from "../lib/idempotency";
import { problemFor } from "../lib/problem";
import { rateLimitHeaders, takeRateLimit } from "../lib/rate-limit";

export interface AuthenticateOptions {
  /** What the caller must be allowed to do (a key's scope, or granted by the user's role); none: any caller. */
  permission?: Permission;
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
    if (options.permission && !can(principal, options.permission)) {
      const who = principal.kind === "api_key" ? "This key lacks the" : `The ${principal.role} role lacks the`;
      return problemFor(c, "forbidden", { detail: `${who} \`${options.permission}\` permission.` });
    }
    c.set("principal", principal);

    const perMinute = Number(c.env.API_RATE_LIMIT_PER_MINUTE ?? "600");
    const limit = await takeRateLimit(c.env, principal.kind === "api_key" ? `key:${principal.keyId}` : `user:${principal.userId}`, perMinute, 60);
    if (limit) {
      for (const [name, value] of Object.entries(rateLimitHeaders(limit))) c.header(name, value);
      if (!limit.allowed) {
        c.header("retry-after", String(limit.resetSeconds));
        return problemFor(c, "rate_limited", { detail: `At most ${limit.limit} requests per minute; try again in ${limit.resetSeconds} s.` });
      }
    }
    if (principal.kind === "api_key") c.get("afterCommit")("api key last use", (own) => touchApiKey(own, principal.keyId));

    const actor = actorOf(principal);
    const replay = await inTenantScope(db, principal.tenantId, async (tx) => {
      c.set("db", tx);
      const idempotent = await startIdempotent(c, tx, principal.tenantId, actor);
      if (idempotent.kind === "answered") return idempotent.response;
      await next();
      // Hono turned a thrown error into the error response already; rethrowing rolls the work back.
      if (c.error) throw c.error;
      if (idempotent.kind === "fresh") await finishIdempotent(tx, c.env.SECRETS_KEY, principal.tenantId, actor, idempotent.key, c.res);
      return null;
    }).catch((error: unknown) => {
      if (error !== c.error) throw error;
      return null;
    });
    if (replay) {
      for (const [name, value] of c.res.headers) if (name.startsWith("ratelimit-")) replay.headers.set(name, value);
      replay.headers.set("x-request-id", c.get("requestId"));
      return replay;
    }
  };
}
