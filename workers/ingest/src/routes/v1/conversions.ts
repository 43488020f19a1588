/**
 * POST /v1/conversions and /v1/conversions/batch: orders from the merchant's server. Idempotent by order id;
 * a batch is accepted whole or refused whole with a field error for each bad conversion.
 */
import type { Hono } from "hono";
import { redactEmails } from "../../../../../core/enrich";
import { hashCustomerId, hashEmail } from "../../../../../core/identity-hash";
import { conversionBatchSchema, conversionInputSchema, type ConversionInput } from "../../../../../core/schemas/tracking";
import type { ConversionMessage } from "../../../../../core/schemas/queue-event";
import type { IngestHonoEnv } from "../../env";
import { ignoredFieldsOf } from "../../lib/ignored-fields";
import { eventsTooFarAhead } from "../../lib/event-lead";
import { invalidBody, problemFrom } from "../../lib/problems";
import { readJsonBody } from "../../lib/read-json";
import { serverAuth } from "../../middleware/server-auth";
import { enqueue } from "../../services/enqueue";

const MAX_BODY_BYTES = 1024 * 1024;

/** Raw emails and customer ids are hashed here and never go further. */
export async function toConversionMessage(tenantId: string, input: ConversionInput, receivedAt: number): Promise<ConversionMessage> {
  const { customer, ...rest } = input;
  return {
    type: "conversion",
    v: 1,
    tenantId,
    receivedAt,
    input: {
      ...rest,
      metadata: redactEmails(rest.metadata),
      emailHash: customer?.emailHash ?? (customer?.email ? await hashEmail(customer.email) : undefined),
      customerIdHash: customer?.customerId ? await hashCustomerId(customer.customerId) : undefined,
    },
  };
}

export function registerConversions(app: Hono<IngestHonoEnv>): void {
  app.post("/v1/conversions", serverAuth({ scope: "conversions:write", maxBodyBytes: MAX_BODY_BYTES }), async (c) => {
    const body = await readJsonBody(c.req, MAX_BODY_BYTES);
    if (!body.ok) return problemFrom(c, body.error);
    const parsed = conversionInputSchema.safeParse(body.value);
    if (!parsed.success) return invalidBody(c, parsed.error);
    const ahead = eventsTooFarAhead(c.env, [parsed.data], () => []);
    if (ahead) return invalidBody(c, ahead);
    await enqueue(c.env, [await toConversionMessage(c.get("principal").tenantId, parsed.data, Date.now())]);
    return c.json({ accepted: 1, orderId: parsed.data.orderId, ...ignoredFieldsOf(conversionInputSchema, body.value) }, 202);
  });

  app.post("/v1/conversions/batch", serverAuth({ scope: "conversions:write", maxBodyBytes: MAX_BODY_BYTES }), async (c) => {
    const body = await readJsonBody(c.req, MAX_BODY_BYTES);
    if (!body.ok) return problemFrom(c, body.error);
    const parsed = conversionBatchSchema.safeParse(body.value);
    if (!parsed.success) return invalidBody(c, parsed.error);
    const ahead = eventsTooFarAhead(c.env, parsed.data.conversions, (i) => ["conversions", i]);
    if (ahead) return invalidBody(c, ahead);
    const now = Date.now();
    const tenantId = c.get("principal").tenantId;
    const messages = await Promise.all(parsed.data.conversions.map((input) => toConversionMessage(tenantId, input, now)));
    await enqueue(c.env, messages);
    return c.json({ accepted: messages.length, ...ignoredFieldsOf(conversionBatchSchema, body.value) }, 202);
  });
}
