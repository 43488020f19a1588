/**
 * A platform webhook, end to end: verify its signature (a tampered or stale delivery is refused and kept
 * in failed_events, never processed), refuse a replayed delivery id, map it to the conversion and refund
 * messages of /v1/conversions and /v1/refunds, queue them, and remember the delivery. A verified payload
 * that cannot be mapped is parked in failed_events with the reason and answered 200, so the platform
 * does not retry what will never map; the merchant sees it there.
 */
import type { z } from "zod";
import { sha256Hex } from "../../../../core/ip";
import type { MappedWebhook } from "../../../../core/integrations/mapped-order";
import type { RefundMessage } from "../../../../core/schemas/queue-event";
import { conversionInputSchema, refundInputSchema } from "../../../../core/schemas/tracking";
import type { Database } from "../../../../db/client";
import { recordDelivery, wasDelivered, type ConnectionRow } from "../../../../db/queries/integration-connections";
import type { IngestEnv } from "../env";
import type { Delivery, PlatformReceiver, ReceiverContext } from "../integrations/receiver";
import { toConversionMessage } from "../routes/v1/conversions";
import { enqueue } from "./enqueue";
import { parkFailedEvents } from "./failed-events";

export type Outcome =
  | { status: "rejected"; reason: string }
  | { status: "duplicate"; deliveryId: string }
  | { status: "ignored"; reason: string }
  | { status: "parked"; reason: string }
  | { status: "accepted"; conversions: number; refunds: number };

const MAX_PARKED_BODY = 256 * 1024;

export async function receiveWebhook(db: Database, env: IngestEnv, receiver: PlatformReceiver, d: Delivery, ctx: ReceiverContext & { secret: string }): Promise<Outcome> {
  const c = ctx.connection;
  const { topic, deliveryId: given } = receiver.describe(d);
  const deliveryId = (given ?? `body:${await sha256Hex(d.raw)}`).slice(0, 200);
  const park = (type: string, reason: string) =>
    parkFailedEvents(db, [{ source: `integration:${c.platform}`, reason, attempts: 1, payload: { type, tenantId: c.tenantId, connectionId: c.id, platform: c.platform, deliveryId, topic, body: d.json ?? d.raw.slice(0, MAX_PARKED_BODY) } }]);

  const check = await receiver.verify(ctx.secret, d, Math.floor(Date.now() / 1000));
  if (check !== "ok") {
    const reason = { malformed: "signature header missing or malformed", expired: "signature timestamp outside the 5-minute tolerance (a replay?)", mismatch: "signature does not match the body (tampered, or the wrong secret)" }[check];
    await park("integration_rejected", `rejected, not processed: ${reason}`);
    return { status: "rejected", reason };
  }
  if (await wasDelivered(db, c.id, deliveryId)) {
    await park("integration_replayed", `replayed delivery ${deliveryId}: received before, not processed again`);
    return { status: "duplicate", deliveryId };
  }
  const result = d.json === null ? { kind: "unmappable" as const, reason: "the body is not JSON" } : await receiver.map(d, topic, ctx);
  const checked = result.kind === "mapped" ? validate(result) : result;
  const record = (outcome: "accepted" | "ignored" | "parked", summary: Record<string, unknown>) => recordDelivery(db, { connectionId: c.id, deliveryId, tenantId: c.tenantId, topic: topic.slice(0, 64), outcome, summary });
  if (checked.kind === "ignored") {
    await record("ignored", { reason: checked.reason });
    return { status: "ignored", reason: checked.reason };
  }
  if (checked.kind === "unmappable") {
    await park("integration_webhook", `could not map ${c.platform} ${topic}: ${checked.reason}`);
    await record("parked", { reason: checked.reason });
    return { status: "parked", reason: checked.reason };
  }
  const now = Date.now();
  const conversions = await Promise.all(checked.conversions.map((input) => toConversionMessage(c.tenantId, input, now)));
  const refunds: RefundMessage[] = checked.refunds.map((input) => ({ type: "refund", v: 1, tenantId: c.tenantId, receivedAt: now, refundKey: input.refundId!, input }));
  await enqueue(env, [...conversions, ...refunds]);
  await record("accepted", { orders: conversions.map((m) => m.input.orderId), refunds: refunds.map((r) => r.refundKey) });
  return { status: "accepted", conversions: conversions.length, refunds: refunds.length };
}

const describe = (issues: z.core.$ZodIssue[]) => issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ");

/** The mapped orders must pass the edge's own schemas, exactly as if the merchant's server had sent them. */
function validate(m: Extract<MappedWebhook, { kind: "mapped" }>) {
  const conversions = [];
  for (const input of m.conversions) {
    const parsed = conversionInputSchema.safeParse(input);
    if (!parsed.success) return { kind: "unmappable" as const, reason: `order ${input.orderId}: ${describe(parsed.error.issues)}` };
    conversions.push(parsed.data);
  }
  const refunds = [];
  for (const input of m.refunds) {
    const parsed = refundInputSchema.safeParse(input);
    if (!parsed.success) return { kind: "unmappable" as const, reason: `refund ${input.refundId}: ${describe(parsed.error.issues)}` };
    refunds.push(parsed.data);
  }
  return { kind: "mapped" as const, conversions, refunds };
}

export type { ConnectionRow };
