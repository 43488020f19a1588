/**
 * Server-to-server authentication for /v1/*: `Authorization: Bearer <API key>`. Verified keys are kept in
 * isolate memory for 30 s so a busy integration does not cost a database round trip per call; a revoked
 * key therefore stops working here within 30 s.
 */
import type { MiddlewareHandler } from "hono";
import { hashApiKey } from "../../../../core/api-key";
import { MemoryCache } from "../../../../core/memory-cache";
import { verifyApiKey, type ApiKeyPrincipal } from "../../../../db/queries/api-keys";
import { withDatabase } from "../../../../db/client";
import type { IngestHonoEnv } from "../env";
import { simpleProblem } from "../lib/problems";

const verified = new MemoryCache<ApiKeyPrincipal | null>(10_000);

export function serverAuth(options: { scope: string }): MiddlewareHandler<IngestHonoEnv> {
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
    if (!match) return simpleProblem("unauthorized", "Send your API key as `Authorization: Bearer <key>`.");
    const cacheKey = await hashApiKey(match[1]);
    let principal = verified.get(cacheKey);
    if (principal === undefined) {
      principal = await withDatabase(c.env, c.executionCtx, (db) => verifyApiKey(db, match[1]));
      verified.set(cacheKey, principal, 30_000);
    }
    if (!principal) return simpleProblem("unauthorized", "The API key is unknown, revoked or expired.");
    if (principal.scopes.length > 0 && !principal.scopes.includes(options.scope)) {
      return simpleProblem("forbidden", `This key lacks the \`${options.scope}\` scope.`);
    }
    c.set("principal", principal);
    await next();
  };
}
