/**
 * Server-to-server authentication for /v1/*, either:
 * - `Authorization: Bearer <API key>`, or
 * - a signed request: `Indica-Key-Id: sgs_...` and `Indica-Signature: t=...,v1=...` (core/request-signature.ts),
 *   for platforms that can sign webhooks but should not hold a full API key.
 * Verified credentials are kept in isolate memory for 30 s so a busy integration does not cost a database
 * round trip per call; a revoked credential therefore stops working here within 30 s.
 */
import type { Context, MiddlewareHandler } from "hono";
import { hashApiKey } from "../../../../core/api-key";
import { MemoryCache } from "../../../../core/memory-cache";
import { verifySignature } from "../../../../core/request-signature";
import { open } from "../../../../core/secret-box";
import { findSigningSecret, verifyApiKey, type ApiKeyPrincipal } from "../../../../db/queries/api-keys";
import { withDatabase } from "../../../../db/client";
import type { IngestHonoEnv } from "../env";
import { problemFrom, simpleProblem } from "../lib/problems";
import { readTextBody } from "../lib/read-json";

const byKeyHash = new MemoryCache<ApiKeyPrincipal | null>(10_000);
const bySigningId = new MemoryCache<{ secret: string; principal: ApiKeyPrincipal } | null>(10_000);
const CACHE_MS = 30_000;

export function serverAuth(options: { scope: string; maxBodyBytes: number }): MiddlewareHandler<IngestHonoEnv> {
  return async (c, next) => {
    const signingId = c.req.header("indica-key-id");
    const result = signingId ? await bySignature(c, signingId, options.maxBodyBytes) : await byApiKey(c);
    if (result instanceof Response) return result;
    if (result.scopes.length > 0 && !result.scopes.includes(options.scope)) {
      return simpleProblem(c, "forbidden", `This credential lacks the \`${options.scope}\` scope.`);
    }
    c.set("principal", result);
    await next();
  };
}

async function byApiKey(c: Context<IngestHonoEnv>): Promise<ApiKeyPrincipal | Response> {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
  if (!match) return simpleProblem(c, "unauthorized", "Send your API key as `Authorization: Bearer <key>`, or sign the request.");
  const cacheKey = await hashApiKey(match[1]);
  let principal = byKeyHash.get(cacheKey);
  if (principal === undefined) {
    principal = await withDatabase(c.env, c.executionCtx, (db) => verifyApiKey(db, match[1]));
    byKeyHash.set(cacheKey, principal, CACHE_MS);
  }
  return principal ?? simpleProblem(c, "unauthorized", "The API key is unknown, revoked or expired.");
}

async function bySignature(c: Context<IngestHonoEnv>, id: string, maxBodyBytes: number): Promise<ApiKeyPrincipal | Response> {
  let entry = bySigningId.get(id);
  if (entry === undefined) {
    const found = /^sgs_[0-9A-Z]{26}$/.test(id) ? await withDatabase(c.env, c.executionCtx, (db) => findSigningSecret(db, id)) : null;
    entry = found ? { secret: await open(found.sealedSecret, c.env.SECRETS_KEY), principal: found.principal } : null;
    bySigningId.set(id, entry, CACHE_MS);
  }
  if (!entry) return simpleProblem(c, "unauthorized", "The signing key id is unknown or revoked.");
  const body = await readTextBody(c.req, maxBodyBytes);
  if (!body.ok) return problemFrom(c, body.error);
  const check = await verifySignature(entry.secret, c.req.header("indica-signature"), body.value, Math.floor(Date.now() / 1000));
  if (check === "ok") return entry.principal;
  const why = { malformed: "Send `Indica-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">`.", expired: "The signature timestamp is more than 5 minutes away from now.", mismatch: "The signature does not match the body." };
  return simpleProblem(c, "unauthorized", why[check]);
}
