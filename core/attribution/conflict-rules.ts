/**
 * A campaign's conflict rules: what decides when an order's signals disagree (a click of one affiliate and
 * a coupon of another, the affiliate's own order, a visit that came through no affiliate, touches at the
 * same moment). Stored per campaign as JSON; anything missing takes the default, and the defaults are the
 * behaviour every campaign had before the rules were settings (docs/attribution.md#conflict-rules).
 */
import { z } from "zod";

export const LINK_VS_COUPON = ["link_first", "coupon_first", "both"] as const;
export const SELF_REFERRAL = ["hold", "exclude", "allow"] as const;
export const DIRECT_ORGANIC = ["keeps_credit", "breaks_credit"] as const;
export const TIES = ["first_touch", "split"] as const;

export const conflictRulesSchema = z.object({
  linkVsCoupon: z
    .enum(LINK_VS_COUPON)
    .default("link_first")
    .describe("link_first: clicks identify the shopper, a coupon decides only without one; coupon_first: a coupon of the campaign takes the whole order; both: the coupon is one more touch at the order's time"),
  selfReferral: z
    .enum(SELF_REFERRAL)
    .default("hold")
    .describe("hold: the self-referring affiliate's commission waits for review; exclude: it earns nothing and its touches do not count; allow: it earns like any other"),
  directOrganic: z
    .enum(DIRECT_ORGANIC)
    .default("keeps_credit")
    .describe("keeps_credit: a visit through no affiliate neither earns nor interrupts; breaks_credit: clicks before the shopper's latest such visit stop counting"),
  ties: z
    .enum(TIES)
    .default("first_touch")
    .describe("first_touch: touches at the same moment are taken in click order; split: the affiliates at that moment share its credit equally"),
});
export type ConflictRules = z.infer<typeof conflictRulesSchema>;

export const DEFAULT_CONFLICT_RULES: ConflictRules = conflictRulesSchema.parse({});

/** Rules as stored (possibly partial, or written by hand) → complete rules; unreadable ones fall back to the defaults. */
export function conflictRulesFrom(stored: unknown): ConflictRules {
  const parsed = conflictRulesSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_CONFLICT_RULES;
}

/** The same rules whatever key order or omitted defaults they were written with. */
export function sameConflictRules(a: unknown, b: unknown): boolean {
  const x = conflictRulesFrom(a);
  const y = conflictRulesFrom(b);
  return x.linkVsCoupon === y.linkVsCoupon && x.selfReferral === y.selfReferral && x.directOrganic === y.directOrganic && x.ties === y.ties;
}
