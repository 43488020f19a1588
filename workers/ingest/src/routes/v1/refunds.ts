/** POST /v1/refunds: a full or partial refund of an order, idempotent by refund id. */
import type { Hono } from "hono";
import { sha256Hex } from "../../../../../core/ip";
import { refundInputSchema } from "../../../../../core/schemas/tracking";
import type { RefundMessage } from "../../../../../core/schemas/queue-event";
import type { IngestHonoEnv } from "../../env";
import { ignoredFieldsOf } from "../../lib/ignored-fields";
import { eventsTooFarAhead } from "../../lib/event-lead";
import { invalidBody, problemFrom } from "../../lib/problems";
import { readJsonBody } from "../../lib/read-json";
import { serverAuth } from "../../middleware/server-auth";
import { enqueue } from "../../services/enqueue";

const MAX_BODY_BYTES = 64 * 1024;

export function registerRefunds(app: Hono<IngestHonoEnv>): void {
  app.post("/v1/refunds", serverAuth({ scope: "conversions:write", maxBodyBytes: MAX_BODY_BYTES }), async (c) => {
    const body = await readJsonBody(c.req, MAX_BODY_BYTES);
    if (!body.ok) return problemFrom(c, body.error);
    const parsed = refundInputSchema.safeParse(body.value);
    if (!parsed.success) return invalidBody(c, parsed.error);
    const ahead = eventsTooFarAhead(c.env, [parsed.data], () => []);
    if (ahead) return invalidBody(c, ahead);
    const input = parsed.data;
    // Without the merchant's refund id, the same order, amount and time is the same refund. The time as an
    // instant, not as sent: a retry that writes it another way ("…Z", "….000Z", "-03:00") is the same refund.
    const at = input.occurredAt === undefined ? null : new Date(input.occurredAt).toISOString();
    const refundKey = input.refundId ?? `derived:${await sha256Hex(JSON.stringify([input.orderId, input.amount, input.currency, at]))}`;
    const message: RefundMessage = { type: "refund", v: 1, tenantId: c.get("principal").tenantId, receivedAt: Date.now(), refundKey, input };
    await enqueue(c.env, [message]);
    return c.json({ accepted: 1, orderId: input.orderId, ...ignoredFieldsOf(refundInputSchema, body.value) }, 202);
  });
}
