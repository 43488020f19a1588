import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { instantSchema } from "../../../../../../core/schemas/instant";
import { strictBody } from "../../../lib/strict-body";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, "expected a SHA-256 hex digest");

/**
 * Who a request is about: any of a visitor id (the `indica_vid` cookie), an email or customer id (hashed
 * here, never stored or logged in the clear), or their hashes as the tracking script makes them.
 */
export const subjectBody = strictBody({
  visitorId: z.string().refine((v) => isId("visitor", v), "expected a visitor id (vis_...)").optional(),
  // Trimmed like an order's customer email (core/schemas/tracking.ts); hashEmail lowercases, so the
  // hash is the one the order stored.
  email: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.email().max(320)).optional(),
  emailHash: sha256.optional(),
  customerId: z.string().min(1).max(200).optional(),
  customerIdHash: sha256.optional(),
})
  .refine((b) => Object.values(b).some((v) => v !== undefined), { path: ["visitorId"], message: "name the person by at least one identifier" })
  .openapi("DataSubject");

const TABLE_NAMES = ["clicks", "events", "identities", "consents", "conversions", "failedEvents", "webhookDeliveries"] as const;
const row = z.record(z.string(), z.unknown()).openapi({ description: "A stored row: camelCase fields, instants as ISO 8601 UTC, amounts as integer minor units (numbers)" });

export const subjectExport = z
  .object({ tables: z.object(Object.fromEntries(TABLE_NAMES.map((t) => [t, z.array(row)])) as Record<(typeof TABLE_NAMES)[number], z.ZodArray<typeof row>>) })
  .openapi("DataSubjectExport");

export const erasedView = z
  .object({ erased: z.object(Object.fromEntries(TABLE_NAMES.map((t) => [t, z.number().int()])) as Record<(typeof TABLE_NAMES)[number], z.ZodNumber>) })
  .openapi("DataSubjectErasure");

export const consentBody = strictBody({
  visitorId: z.string().refine((v) => isId("visitor", v), "expected a visitor id (vis_...)").optional(),
  emailHash: sha256.optional(),
  customerIdHash: sha256.optional(),
  purpose: z.enum(["analytics", "marketing", "affiliate_tracking"]),
  granted: z.boolean(),
  source: z.enum(["banner", "api", "import"]).default("api"),
  policyVersion: z.string().max(100).optional(),
  recordedAt: instantSchema.optional().openapi({ description: "When the shopper decided; now when omitted" }),
})
  .refine((b) => b.visitorId || b.emailHash || b.customerIdHash, { path: ["visitorId"], message: "name the person by at least one identifier" })
  .openapi("ConsentInput");

export const consentView = z
  .object({
    id: z.string(),
    visitorId: z.string().nullable(),
    emailHash: z.string().nullable(),
    customerIdHash: z.string().nullable(),
    purpose: z.string(),
    granted: z.boolean(),
    source: z.string(),
    policyVersion: z.string().nullable(),
    recordedAt: z.string(),
  })
  .openapi("Consent");

const retentionFields = {
  rawEventMonths: z.number().int().min(1).max(25).openapi({ description: "Clicks and browser events are deleted after this many months (at most 25)" }),
  ipHashDays: z.number().int().min(1).max(90).openapi({ description: "The IP hash of clicks and events is cleared after this many days" }),
};

export const retentionView = z.object(retentionFields).openapi("RetentionPolicy");
// The answer may gain fields; what a merchant sends may not carry ones the policy does not have.
export const retentionBody = strictBody(retentionFields).openapi("RetentionPolicyInput");
