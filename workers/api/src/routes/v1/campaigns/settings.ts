/**
 * The campaign's JSON settings as a merchant sends them, validated with the core schemas the tracking
 * and commission code read them with. Unknown keys are refused here, as at the top of the body
 * (lib/strict-body.ts): a misspelt key in money or fraud rules would otherwise be dropped in silence.
 */
import { z } from "@hono/zod-openapi";
import { attributionModelSchema } from "../../../../../../core/attribution/models";
import { conflictRulesSchema, type ConflictRules } from "../../../../../../core/attribution/conflict-rules";
import { commissionRulesInputSchema } from "../../../../../../core/commission/rules";
import { fraudSettingsSchema, type FraudSettings } from "../../../../../../core/fraud-settings";
import { isStorableJson } from "../fields";

const STORABLE = "must not contain control characters or broken Unicode in any key or text";

export const commissionRulesInput = commissionRulesInputSchema
  .omit({ version: true })
  .extend({ version: z.number().int().optional().openapi({ description: "Ignored: the server assigns versions" }) })
  .strict()
  .refine(isStorableJson, STORABLE)
  .openapi({ description: "Commission rules (core/commission/rules.ts): percentage rates at most 10000 bp (100%), fixed amounts at most 1000000000000 minor units. Changing them gives the campaign's rules the next `version`; commissions keep the version they were computed with." });

export const attributionModelInput = z
  .discriminatedUnion("kind", attributionModelSchema.options.map((o) => o.strict()) as unknown as typeof attributionModelSchema.options)
  .openapi({ description: "How an order's credit is shared among the affiliate clicks before it" });

/** Only the keys sent are stored: keys left out follow the defaults, also when those change later. */
const fraudShape = Object.fromEntries(
  Object.entries(fraudSettingsSchema.shape).map(([key, field]) => [key, field.removeDefault().optional()]),
) as unknown as { [K in keyof FraudSettings]: z.ZodOptional<z.ZodType<FraudSettings[K]>> };

export const fraudSettingsInput = z
  .object(fraudShape)
  .strict()
  .openapi({ description: "Velocity limits, flag threshold and paid-search rule; replaces the stored settings, keys left out take the defaults" });

const conflictShape = Object.fromEntries(
  Object.entries(conflictRulesSchema.shape).map(([key, field]) => [key, field.removeDefault().optional().describe(`${field.description}. Default: ${field.def.defaultValue}`)]),
) as unknown as { [K in keyof ConflictRules]: z.ZodOptional<z.ZodType<ConflictRules[K]>> };

export const conflictRulesInput = z
  .object(conflictShape)
  .strict()
  .openapi({
    description:
      "What decides when an order's signals disagree (docs/attribution.md#conflict-rules): linkVsCoupon, selfReferral, directOrganic, ties. Replaces the stored rules; keys left out take the defaults. A change gives the commission rules the next `version`.",
  });
