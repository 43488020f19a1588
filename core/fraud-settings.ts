/** A campaign's fraud settings, stored as JSON on the campaign; anything missing takes the default. */
import { z } from "zod";
import { DEFAULT_FLAG_THRESHOLD, DEFAULT_VELOCITY_LIMITS } from "./fraud";

export const fraudSettingsSchema = z.object({
  flagThreshold: z.number().int().min(1).max(100).default(DEFAULT_FLAG_THRESHOLD),
  ipPerMinute: z.number().int().min(1).default(DEFAULT_VELOCITY_LIMITS.ipPerMinute),
  ipPerHour: z.number().int().min(1).default(DEFAULT_VELOCITY_LIMITS.ipPerHour),
  visitorPerAffiliatePerHour: z.number().int().min(1).default(DEFAULT_VELOCITY_LIMITS.visitorPerAffiliatePerHour),
  /** Whether affiliates may run paid search on the merchant's brand; most programs forbid it. */
  paidSearchAllowed: z.boolean().default(false),
  /** A conversion this many seconds or less after its click is suspicious (click injection). */
  minClickToConversionSeconds: z.number().int().min(0).default(10),
  /**
   * An order matched by coupon alone, with no click of the shopper anywhere: `review` flags it as a
   * possibly leaked code (posted on a coupon site) and holds its commission; `trust` is for programs whose
   * affiliates share codes by voice or in print (podcasts, influencers), where that is the normal case.
   */
  couponOnlyOrders: z.enum(["review", "trust"]).default("review"),
});
export type FraudSettings = z.infer<typeof fraudSettingsSchema>;

/** Settings as stored (possibly partial or from an older version) → complete settings. */
export function fraudSettingsFrom(stored: unknown): FraudSettings {
  const parsed = fraudSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : fraudSettingsSchema.parse({});
}
