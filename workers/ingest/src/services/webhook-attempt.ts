/** One attempt at one webhook delivery: the signed POST, and what it changes in the delivery log. */
import { eq, sql } from "drizzle-orm";
import { webhookRetryDelaySeconds } from "../../../../core/webhook-retry";
import { webhookSignatureHeader } from "../../../../core/webhook-signature";
import type { Database } from "../../../../db/client";
import { webhookDeliveries } from "../../../../db/schema";
import type { DueDelivery } from "./deliver-webhooks";
import { parkFailedEvents } from "./failed-events";

export const WEBHOOK_TIMEOUT_MS = 10_000;

export type AttemptOutcome = { ok: boolean; statusCode: number | null; error: string | null };

/** The body is rebuilt from the stored envelope in a fixed key order, and signed as sent. */
export async function sendWebhook(d: DueDelivery, secret: string, fetcher: typeof fetch): Promise<AttemptOutcome> {
  const p = d.payload;
  const body = JSON.stringify({ id: p.id, type: p.type, createdAt: p.createdAt, data: p.data });
  const headers = {
    "content-type": "application/json",
    "user-agent": "Indica-Webhooks/1",
    "indica-signature": await webhookSignatureHeader(secret, body, Math.floor(Date.now() / 1000)),
    "indica-event-id": d.event_id,
    "indica-event-type": d.event_type,
    "indica-delivery-id": d.id,
  };
  try {
    // Redirects are not followed: the signature was made for this URL's owner, and a 3xx is a misconfiguration.
    const res = await fetcher(d.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300 ? { ok: true, statusCode: res.status, error: null } : { ok: false, statusCode: res.status, error: `HTTP ${res.status}` };
  } catch (error) {
    return { ok: false, statusCode: null, error: String((error as Error).message ?? error).slice(0, 500) };
  }
}

/** Writes the attempt; out of attempts, the delivery is `failed` and parked in failed_events for replay. */
export async function recordAttempt(db: Database, d: DueDelivery, outcome: AttemptOutcome): Promise<"delivered" | "retrying" | "failed"> {
  const attempts = d.attempts + 1;
  const delay = outcome.ok ? null : webhookRetryDelaySeconds(attempts);
  const result = outcome.ok ? "delivered" : delay === null ? "failed" : "retrying";
  console.log(JSON.stringify({ level: outcome.ok ? "info" : "warn", worker: "ingest", job: "webhooks", deliveryId: d.id, endpointId: d.endpoint_id, eventId: d.event_id, attempt: attempts, statusCode: outcome.statusCode, error: outcome.error, result }));
  const last = { attempts, lastStatusCode: outcome.statusCode, lastError: outcome.error };
  if (result === "delivered") {
    await db.update(webhookDeliveries).set({ ...last, status: "delivered", deliveredAt: sql`now()` }).where(eq(webhookDeliveries.id, d.id));
  } else if (result === "retrying") {
    await db.update(webhookDeliveries).set({ ...last, nextAttemptAt: sql`now() + make_interval(secs => ${delay})` }).where(eq(webhookDeliveries.id, d.id));
  } else {
    await db.transaction(async (tx) => {
      await tx.update(webhookDeliveries).set({ ...last, status: "failed" }).where(eq(webhookDeliveries.id, d.id));
      await parkFailedEvents(tx, [{
        source: "webhooks",
        payload: { type: "webhook_delivery", v: 1, tenantId: d.tenant_id, id: d.id, eventId: d.event_id, eventType: d.event_type },
        reason: `webhook delivery to ${d.url} failed after ${attempts} attempts; last: ${outcome.error}`,
        attempts,
      }]);
    });
  }
  return result;
}
