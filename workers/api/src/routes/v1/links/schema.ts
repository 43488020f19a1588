import { z } from "@hono/zod-openapi";
import { isHttpUrl, normalizeHttpUrl } from "../../../../../../core/destination";
import { isStorableText } from "../../../../../../core/text";
import { isId } from "../../../../../../core/ids";
import { linkCodeSchema } from "../../../../../../core/schemas/link-code";
import { strictBody } from "../../../lib/strict-body";

/** Free text that ends up in Postgres and in reports: no control characters (Postgres refuses NUL). */
const label = (max: number) => z.string().max(max).refine(isStorableText, "must not contain control characters or broken Unicode");

export const subIds = z
  .record(z.string().regex(/^sub[1-5]$/, "sub-id keys are sub1..sub5"), label(200))
  .openapi({ example: { sub1: "instagram", sub2: "bio" }, description: "Up to five free-form tags the affiliate uses to tell traffic sources apart." });

export const createLinkBody = strictBody({
  campaignId: z.string().refine((v) => isId("campaign", v), "expected a campaign id (cmp_...)").openapi({ example: "cmp_01JB8Z5Q3X0000000000000000" }),
  affiliateId: z
    .string()
    .refine((v) => isId("affiliate", v), "expected an affiliate id (aff_...)")
    .optional()
    .openapi({ example: "aff_01JB8Z5Q3X0000000000000000", description: "Required for merchant callers; affiliate users may omit it (their own)." }),
  destinationUrl: z
    .string()
    .max(2048)
    .refine(isHttpUrl, "must be an absolute http(s) URL without control characters")
    .transform(normalizeHttpUrl)
    .optional()
    .openapi({ description: "Where shoppers land. Defaults to the campaign's destination. Only on the merchant's own hosts (GET /v1/links/destination-hosts lists them; a merchant adds one with destinationHosts in PATCH /v1/tenant): another site is a 422 on this field.", example: "https://loja.example/tenis?utm_source=indica" }),
  code: linkCodeSchema.optional().openapi({
    description:
      "The path of the short link, kept as you type it. It opens whatever case a shopper types it in (`Maria-Tenis` is `maria-tenis`), so a code differing only in case from one already on the domain is taken (409). Random, in lower case, when omitted.",
    example: "maria-tenis",
  }),
  domain: z
    .string()
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, "must be a hostname, e.g. go.loja.example")
    .optional().openapi({ description: "One of your link domains. Defaults to the shared link domain.", example: "go.loja.example" }),
  subIds: subIds.optional(),
})
  .openapi("CreateLink");

export const linkSchema = z
  .object({
    id: z.string().openapi({ example: "lnk_01JB8Z5Q3X0000000000000000" }),
    url: z.string().openapi({ example: "https://go.indica.link/maria-tenis" }),
    domain: z.string(),
    code: z.string().openapi({ description: "As it was created; the link answers it in any case." }),
    destinationUrl: z.string(),
    campaignId: z.string(),
    affiliateId: z.string(),
    subIds: z.record(z.string(), z.string()),
    status: z.enum(["active", "disabled"]),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Link");

export const linkIdParams = z.object({
  id: z.string().refine((v) => isId("link", v), "expected a link id (lnk_...)").openapi({ param: { name: "id", in: "path" }, example: "lnk_01JB8Z5Q3X0000000000000000" }),
});

export type CreateLinkInput = z.infer<typeof createLinkBody>;
export type LinkView = z.infer<typeof linkSchema>;
