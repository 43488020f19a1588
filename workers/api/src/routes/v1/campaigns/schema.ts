import { z } from "@hono/zod-openapi";
import { conflictRulesSchema } from "../../../../../../core/attribution/conflict-rules";
import { attributionModelSchema } from "../../../../../../core/attribution/models";
import { commissionRulesSchema } from "../../../../../../core/commission/rules";
import { fraudSettingsSchema } from "../../../../../../core/fraud-settings";
import { currencySchema } from "../../../../../../core/money";
import { isHttpUrl, normalizeHttpUrl } from "../../../../../../core/destination";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { strictBody } from "../../../lib/strict-body";
import { idOf, label } from "../fields";
import { attributionModelInput, commissionRulesInput, conflictRulesInput, fraudSettingsInput } from "./settings";

export const CAMPAIGN_STATUSES = ["active", "paused", "archived"] as const;
const status = z.enum(CAMPAIGN_STATUSES).openapi({ description: "Paused and archived campaigns' links still send shoppers on, without tracking" });
const days = (max: number) => z.number().int().min(1).max(max);

/** Every setting a merchant may set; `name` and `destinationUrl` are required only on create. */
const settings = {
  status,
  currency: currencySchema.openapi({ example: "BRL" }),
  attributionWindowDays: days(365).openapi({ description: "Days after a click in which an order is credited to it" }),
  // Browsers cap cookie lifetimes at 400 days.
  cookieLifetimeDays: days(400),
  dedupWindowSeconds: z.number().int().min(0).max(86_400).openapi({ description: "Repeat clicks of a shopper within this time count once" }),
  lockDays: z.number().int().min(0).max(365).openapi({ description: "Days a commission stays pending (returns window) before approval" }),
  attributionModel: attributionModelInput,
  commissionRules: commissionRulesInput,
  conflictRules: conflictRulesInput,
  fraudSettings: fraudSettingsInput,
};

const name = label(200).openapi({ example: "Coleção de verão" });
const destinationUrl = z
  .string()
  .max(2048)
  .refine(isHttpUrl, "must be an absolute http(s) URL without control characters")
  .transform(normalizeHttpUrl)
  .openapi({ description: "Where links of the campaign send shoppers unless a link says otherwise", example: "https://loja.example/verao" });

export const createCampaignBody = strictBody({ name, destinationUrl, ...settings }).partial().required({ name: true, destinationUrl: true }).openapi("CreateCampaign");
export const updateCampaignBody = strictBody({ name, destinationUrl, ...settings }).partial().openapi("UpdateCampaign");

export const campaignSchema = z
  .object({
    id: z.string().openapi({ example: "cmp_01JB8Z5Q3X0000000000000000" }),
    name: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    destinationUrl: z.string(),
    currency: z.string(),
    attributionWindowDays: z.number().int(),
    cookieLifetimeDays: z.number().int(),
    dedupWindowSeconds: z.number().int(),
    lockDays: z.number().int(),
    attributionModel: attributionModelSchema,
    commissionRules: commissionRulesSchema,
    conflictRules: conflictRulesSchema.openapi({ description: "The conflict rules in force, defaults included" }),
    fraudSettings: fraudSettingsSchema.optional().openapi({ description: "The settings in force, defaults included; not shown to affiliate users" }),
    membershipStatus: z.enum(["approved", "pending"]).optional().openapi({ description: "For affiliate users only: where they stand in this campaign" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Campaign");

export const campaignListSchema = pageOf(campaignSchema, "CampaignList");

export const campaignQuery = z.object({
  status: status.optional().openapi({ param: { name: "status", in: "query" } }),
  ...pageQuery,
});

export const campaignIdParams = z.object({
  id: idOf("campaign", "cmp").openapi({ param: { name: "id", in: "path" }, example: "cmp_01JB8Z5Q3X0000000000000000" }),
});

export type CreateCampaignInput = z.infer<typeof createCampaignBody>;
export type UpdateCampaignInput = z.infer<typeof updateCampaignBody>;
export type CampaignView = z.infer<typeof campaignSchema>;
