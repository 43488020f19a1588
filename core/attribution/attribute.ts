/**
 * Attribution of one order: the touches inside the campaign's window, weighted by the campaign's model,
 * the commission split among affiliates to the cent, with a sentence saying why.
 */
import { DEFAULT_CONFLICT_RULES, type ConflictRules } from "./conflict-rules";
import { resolveConflicts, type ConflictFacts } from "./conflicts";
import { splitTies } from "./ties";
import { touchWeights, type AttributionModel, type Touch } from "./models";
import { splitByWeights } from "./split";

export interface AffiliateShare {
  affiliateId: string;
  /** Share of the credit in basis points (sums to 10,000 over the shares). */
  shareBp: number;
  /** Part of the commission, minor units (sums exactly to the commission). */
  amount: number;
  explanation: string;
  /** One sentence per conflict rule that decided something about this share (none when no rule did). */
  decisions: string[];
  /** The share waits for review because of a conflict rule (self-referral under `hold`). */
  heldForReview: boolean;
}

export interface AttributionInput {
  touches: readonly Touch[];
  conversionAt: number;
  windowDays: number;
  model: AttributionModel;
  /** Total commission of the order, minor units, computed by the commission rules. */
  commission: number;
  /** The campaign's conflict rules; the defaults when left out. */
  conflictRules?: ConflictRules;
  /** The order's coupon, self-referring affiliates and entry visits; the touches are then only clicks. */
  conflicts?: ConflictFacts;
}

const MODEL_NAMES: Record<AttributionModel["kind"], string> = {
  last_click: "last click",
  first_click: "first click",
  linear: "linear",
  time_decay: "time decay",
  position_based: "position based",
};

export function attribute(input: AttributionInput): AffiliateShare[] {
  const rules = input.conflictRules ?? DEFAULT_CONFLICT_RULES;
  const from = input.conversionAt - input.windowDays * 86_400_000;
  // Same-moment clicks in click id order, so a tie never depends on the order the database returned them in.
  const byId = (a: Touch, b: Touch) => (a.clickId && b.clickId ? (a.clickId < b.clickId ? -1 : a.clickId > b.clickId ? 1 : 0) : 0);
  const clicks = input.touches.filter((t) => t.at >= from && t.at <= input.conversionAt).sort((a, b) => a.at - b.at || byId(a, b));
  const resolved = resolveConflicts(clicks, input.conversionAt, from, rules, input.conflicts ?? {});
  const inWindow = resolved.touches;
  if (inWindow.length === 0) return [];
  const modelWeights = touchWeights(inWindow, input.model, input.conversionAt);
  const tie = splitTies(inWindow, modelWeights);
  const weights = rules.ties === "split" ? tie.weights : modelWeights;
  const tieNote =
    tie.tied === 0
      ? []
      : rules.ties === "split"
        ? [`tie split: ${tie.tied} affiliates touched at the same moment and share its credit equally`]
        : [`tie kept in order: ${tie.tied} affiliates touched at the same moment, and the model took their touches in click order`];
  // Per affiliate, in order of their first touch, so ties and rounding are deterministic.
  const byAffiliate = new Map<string, { weight: number; touches: number }>();
  inWindow.forEach((t, i) => {
    const seen = byAffiliate.get(t.affiliateId) ?? { weight: 0, touches: 0 };
    byAffiliate.set(t.affiliateId, { weight: seen.weight + weights[i], touches: seen.touches + 1 });
  });
  // An order credited by its coupon alone (no click counted) says so, rather than naming a model that chose nothing.
  const coupon = inWindow.every((t) => t.coupon !== undefined) ? inWindow[0].coupon : undefined;
  const ids = [...byAffiliate.keys()];
  const w = ids.map((id) => byAffiliate.get(id)!.weight);
  const bps = splitByWeights(10_000, w);
  const amounts = splitByWeights(input.commission, w);
  return ids
    .map((affiliateId, i) => ({
      affiliateId,
      shareBp: bps[i],
      amount: amounts[i],
      explanation:
        coupon !== undefined
          ? `coupon ${coupon}, with no click in the last ${input.windowDays} days counted: this affiliate's coupon, ${(bps[i] / 100).toFixed(2)}% of the credit`
          : `${MODEL_NAMES[input.model.kind]} over ${inWindow.length} touch${inWindow.length > 1 ? "es" : ""} in the last ${input.windowDays} days: ` +
            `${byAffiliate.get(affiliateId)!.touches} by this affiliate, ${(bps[i] / 100).toFixed(2)}% of the credit`,
      decisions: [...resolved.notes, ...tieNote, ...(resolved.notesOf.get(affiliateId) ?? [])],
      heldForReview: resolved.held.has(affiliateId),
    }))
    .filter((s) => s.shareBp > 0 || s.amount > 0);
}
