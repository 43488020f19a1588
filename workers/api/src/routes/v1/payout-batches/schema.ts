import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { currencySchema, minorUnitsSchema } from "../../../../../../core/money";
import { isStorableText } from "../../../../../../core/text";
import { PROVIDER_KINDS } from "../../../../../../db/queries/payout-batches";
import { pageQuery } from "../../../lib/pagination";
import { strictBody } from "../../../lib/strict-body";

const providers = Object.keys(PROVIDER_KINDS) as [keyof typeof PROVIDER_KINDS, ...(keyof typeof PROVIDER_KINDS)[]];

export const createBatchBody = strictBody({
  currency: currencySchema,
  provider: z.enum(providers).openapi({ description: "csv (any method, you pay from your bank), csv_pix (PIX keys file), pix (Efí), stripe_connect, paypal" }),
  minimumAmount: minorUnitsSchema.default(0).openapi({ description: "Affiliates below this balance (minor units) wait for a later batch" }),
})
  .openapi("CreatePayoutBatch");

export const itemSchema = z
  .object({
    id: z.string(),
    affiliateId: z.string(),
    currency: z.string(),
    amount: z.number().int().openapi({ description: "Minor units" }),
    status: z.enum(["pending", "processing", "paid", "failed", "cancelled"]).openapi({ description: "`cancelled`: its batch was cancelled before it was paid" }),
    providerReference: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    paidAt: z.string().nullable(),
  })
  .openapi("PayoutItem");

export const batchSchema = z
  .object({
    id: z.string().openapi({ example: "pay_01JB8Z5Q3X0000000000000000" }),
    currency: z.string(),
    provider: z.enum(providers),
    status: z.enum(["draft", "processing", "paid", "failed", "cancelled"]),
    minimumAmount: z.number().int(),
    totalAmount: z.number().int(),
    itemCount: z.number().int(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .openapi("PayoutBatch");

export const batchWithItemsSchema = batchSchema.extend({ items: z.array(itemSchema) }).openapi("PayoutBatchWithItems");

export const batchIdParams = z.object({
  id: z
    .string()
    .refine((v) => isId("payout", v), "expected a payout batch id (pay_...)")
    .openapi({ param: { name: "id", in: "path" }, example: "pay_01JB8Z5Q3X0000000000000000" }),
});

export const exportQuery = z.object({ format: z.enum(["generic", "pix"]).default("generic").openapi({ param: { name: "format", in: "query" } }) });

export const reconcileBody = strictBody({
  items: z
    .array(
      strictBody({
        id: z.string().refine((v) => isId("payoutItem", v), "expected a payout item id (pyi_...)"),
        status: z.enum(["paid", "failed"]),
        reference: z.string().max(200).refine(isStorableText, "must not contain control characters").optional(),
        reason: z.string().max(500).refine(isStorableText, "must not contain control characters").optional(),
      }),
    )
    .min(1)
    .max(500),
})
  .openapi("ReconcilePayouts");

export const batchListQuery = z.object({ ...pageQuery });
