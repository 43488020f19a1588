import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { PLATFORMS } from "../../../../../../core/integrations/platforms";
import { isStorableText } from "../../../../../../core/text";
import { pageQuery } from "../../../lib/pagination";
import { strictBody } from "../../../lib/strict-body";

const storable = (max: number) => z.string().min(1).max(max).refine(isStorableText, "must not contain control characters or broken Unicode");

export const createConnectionBody = strictBody({
  platform: z.enum(PLATFORMS),
  name: storable(200).openapi({ example: "Loja Shopify" }),
  secret: storable(500)
    .optional()
    .openapi({ description: "The webhook secret as the platform issues it (Shopify app secret, Stripe `whsec_...`, Nuvemshop app secret). Omit for WooCommerce to have one made for you, shown once." }),
  accessToken: storable(500).optional().openapi({ description: "Nuvemshop only: the store's API token, to read the order each webhook names." }),
  externalAccount: storable(200).optional().openapi({ description: "The store on the platform (Nuvemshop store id, Shopify shop domain); deliveries from another store are refused." }),
})
  .refine((b) => b.platform !== "nuvemshop" || b.accessToken, { message: "Nuvemshop needs accessToken: its webhooks name the order, which is read with it", path: ["accessToken"] })
  .refine((b) => b.secret || b.platform === "woocommerce", { message: "give the secret the platform issued", path: ["secret"] })
  .openapi("CreateIntegrationConnection");

export const connectionSchema = z
  .object({
    id: z.string().openapi({ example: "int_01JB8Z5Q3X0000000000000000" }),
    platform: z.enum(PLATFORMS),
    name: z.string(),
    externalAccount: z.string().nullable(),
    webhookPath: z.string().openapi({ description: "Where the platform sends webhooks, on your tracking host (the ingest Worker)", example: "/v1/integrations/shopify/int_01JB8Z5Q3X0000000000000000" }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("IntegrationConnection");

export const connectionWithSecretSchema = connectionSchema
  .extend({ secret: z.string().nullable().openapi({ description: "The secret made for you (WooCommerce), shown only now; null when you gave yours." }) })
  .openapi("IntegrationConnectionCreated");

export const connectionIdParams = z.object({
  id: z
    .string()
    .refine((v) => isId("integration", v), "expected an integration id (int_...)")
    .openapi({ param: { name: "id", in: "path" }, example: "int_01JB8Z5Q3X0000000000000000" }),
});

export const connectionListQuery = z.object({ ...pageQuery });
export type CreateConnectionInput = z.infer<typeof createConnectionBody>;
