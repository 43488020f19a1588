/**
 * `Idempotency-Key` on POST: the first response is stored in the same transaction as the work it
 * describes, so a retry either finds both or neither. A concurrent retry waits on the key's row until the
 * first attempt commits, then gets its answer. Keys are per tenant and caller, kept 24 hours. Stored
 * bodies are sealed with SECRETS_KEY: some answers carry a secret shown once (a new API key, an invite
 * token, a webhook secret), and a replay must show it again without the database holding it readable.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { sha256Hex } from "../../../../core/ip";
import { open, seal } from "../../../../core/secret-box";
import type { Executor } from "../../../../db/client";
import { idempotencyKeys } from "../../../../db/schema";
import type { ApiHonoEnv } from "../env";
import { problemFor } from "./problem";

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ["content-type", "location"];

export type IdempotencyStart =
  | { kind: "none" }
  | { kind: "fresh"; key: string }
  | { kind: "answered"; response: Response };

/** Claims the key for this request, or answers with the stored response (or a problem). */
export async function startIdempotent(c: Context<ApiHonoEnv>, db: Executor, tenantId: string, actor: string): Promise<IdempotencyStart> {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return { kind: "none" };
  if (!KEY_PATTERN.test(key)) {
    return { kind: "answered", response: problemFor(c, "validation_failed", { errors: [{ pointer: "/header/Idempotency-Key", detail: "1-255 printable ASCII characters" }] }) };
  }
  const requestHash = await sha256Hex(`${c.req.method} ${new URL(c.req.url).pathname}\n${await c.req.text()}`);
  // Older keys are forgotten lazily: an expired row is replaced rather than replayed.
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.actor, actor), eq(idempotencyKeys.key, key), sql`${idempotencyKeys.createdAt} < now() - interval '24 hours'`));
  const claimed = await db.insert(idempotencyKeys).values({ tenantId, actor, key, requestHash }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) return { kind: "fresh", key };

  const [stored] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.actor, actor), eq(idempotencyKeys.key, key)));
  if (!stored || stored.requestHash !== requestHash) {
    return { kind: "answered", response: problemFor(c, "unprocessable", { detail: "This Idempotency-Key was used for a different request; use a new key." }) };
  }
  if (stored.status === null) {
    return { kind: "answered", response: problemFor(c, "conflict", { detail: "A request with this Idempotency-Key is still in progress; retry shortly." }) };
  }
  const headers = new Headers({ ...(stored.responseHeaders ?? {}), "idempotent-replayed": "true" });
  const body = stored.responseBody === null ? null : await open(stored.responseBody, c.env.SECRETS_KEY);
  return { kind: "answered", response: new Response(body, { status: stored.status, headers }) };
}

/** Stores the response under the key; the caller's transaction commits it together with the work. */
export async function finishIdempotent(db: Executor, secretsKey: string, tenantId: string, actor: string, key: string, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  await db
    .update(idempotencyKeys)
    .set({ status: response.status, responseBody: await seal(await response.clone().text(), secretsKey), responseHeaders: headers })
    .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.actor, actor), eq(idempotencyKeys.key, key)));
}
