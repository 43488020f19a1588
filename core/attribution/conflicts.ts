/**
 * The campaign's conflict rules (conflict-rules.ts) applied to an order's touches before the model shares
 * the credit: which touches count, which affiliate is held or left out, and a sentence for each rule that
 * decided something, so the commission can say why.
 */
import type { ConflictRules } from "./conflict-rules";
import { lastDirectVisit } from "./direct-visits";
import type { Touch } from "./models";

/** What the order tells about its conflicts, besides the clicks. */
export interface ConflictFacts {
  /** The order's coupon, when it belongs to the order's campaign. */
  coupon?: { code: string; affiliateId: string } | null;
  /** Affiliates whose own email the order carries. */
  selfReferrers?: readonly string[];
  /** When the shopper entered the shop from outside it (no referrer, or another site's), epoch ms. */
  entryVisits?: readonly number[];
}

export interface ResolvedTouches {
  touches: Touch[];
  /** Sentences for every share of the order. */
  notes: string[];
  /** Sentences for one affiliate's share. */
  notesOf: Map<string, string[]>;
  /** Affiliates whose share waits for review (self-referral under `hold`). */
  held: Set<string>;
}

const plural = (n: number, word: "click" | "touch") => `${n} ${word}${n === 1 ? "" : word === "touch" ? "es" : "s"}`;

/** `clicks` are the shopper's clicks inside the window, in time order; the coupon is not among them. */
export function resolveConflicts(clicks: readonly Touch[], conversionAt: number, from: number, rules: ConflictRules, facts: ConflictFacts): ResolvedTouches {
  const notes: string[] = [];
  const notesOf = new Map<string, string[]>();
  const noteOf = (affiliateId: string, note: string) => notesOf.set(affiliateId, [...(notesOf.get(affiliateId) ?? []), note]);
  const held = new Set<string>();
  let touches = [...clicks];
  let coupon = facts.coupon ?? null;

  if (rules.directOrganic === "breaks_credit" && facts.entryVisits?.length) {
    const direct = lastDirectVisit(facts.entryVisits, touches.map((t) => t.at), from, conversionAt);
    const before = direct === null ? 0 : touches.filter((t) => t.at < direct).length;
    if (direct !== null && before > 0) {
      touches = touches.filter((t) => t.at >= direct);
      notes.push(`direct visit breaks credit: ${plural(before, "click")} before the shopper's visit through no affiliate at ${new Date(direct).toISOString()} did not count`);
    }
  }

  const selfReferrers = new Set(facts.selfReferrers ?? []);
  if (rules.selfReferral === "exclude") {
    for (const id of selfReferrers) {
      const dropped = touches.filter((t) => t.affiliateId === id).length + (coupon?.affiliateId === id ? 1 : 0);
      if (dropped === 0) continue;
      touches = touches.filter((t) => t.affiliateId !== id);
      if (coupon?.affiliateId === id) coupon = null;
      notes.push(`self-referral excluded: the order carries the own email of affiliate ${id}, whose ${plural(dropped, "touch")} did not count`);
    }
  }

  if (coupon) {
    const couponTouch: Touch = { affiliateId: coupon.affiliateId, at: conversionAt, clickId: null, coupon: coupon.code };
    const others = touches.filter((t) => t.affiliateId !== coupon!.affiliateId).length;
    if (touches.length === 0) touches = [couponTouch];
    else if (rules.linkVsCoupon === "coupon_first") {
      touches = [couponTouch];
      if (others > 0) notes.push(`coupon first: the coupon ${coupon.code} of this affiliate outranks ${plural(others, "click")} of others`);
    } else if (rules.linkVsCoupon === "both") {
      touches = [...touches, couponTouch];
      notes.push(`link and coupon both count: the coupon ${coupon.code} of affiliate ${coupon.affiliateId} is one more touch at the order's time`);
    } else if (others > 0) {
      notes.push(`link first: the coupon ${coupon.code} of affiliate ${coupon.affiliateId} did not count, because clicks identify the shopper`);
    }
  }

  for (const id of selfReferrers) {
    if (!touches.some((t) => t.affiliateId === id)) continue;
    if (rules.selfReferral === "hold") {
      held.add(id);
      noteOf(id, "self-referral held: the order carries this affiliate's own email, so the commission waits for review");
    } else if (rules.selfReferral === "allow") {
      noteOf(id, "self-referral allowed: the order carries this affiliate's own email and earns like any other");
    }
  }
  return { touches, notes, notesOf, held };
}
