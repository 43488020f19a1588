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
});
export type FraudSettings = z.infer<typeof fraudSettingsSchema>;

/** Settings as stored (possibly partial or from an older version) → complete settings. */
export function fraudSettingsFrom(stored: unknown): FraudSettings {
  const parsed = fraudSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : fraudSettingsSchema.parse({});
}
