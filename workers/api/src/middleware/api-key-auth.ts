import type { MiddlewareHandler } from "hono";
import type { ApiHonoEnv } from "../env";
import { problemFor } from "../lib/problem";
import { touchApiKey, verifyApiKey } from "../../../../db/queries/api-keys";

export interface ApiKeyAuthOptions {
  /** Scope the key must hold; keys with no scopes are full-access keys of their tenant. */
  scope?: string;
}

/** `Authorization: Bearer ik_...`: resolves the key to its tenant, which scopes everything after it. */
export function apiKeyAuth(options: ApiKeyAuthOptions = {}): MiddlewareHandler<ApiHonoEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      return problemFor(c, "unauthorized", { detail: "Send your API key as `Authorization: Bearer <key>`." });
    }
    const { db } = c.get("database");
    const principal = await verifyApiKey(db, match[1]);
    if (!principal) return problemFor(c, "unauthorized", { detail: "The API key is unknown, revoked or expired." });
    if (options.scope && principal.scopes.length > 0 && !principal.scopes.includes(options.scope)) {
      return problemFor(c, "forbidden", { detail: `This key lacks the \`${options.scope}\` scope.` });
    }
    c.set("principal", principal);
    c.executionCtx.waitUntil(touchApiKey(db, principal.keyId).catch(() => {}));
    await next();
  };
}
