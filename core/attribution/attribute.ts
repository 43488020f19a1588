/**
 * Attribution of one order: the touches inside the campaign's window, weighted by the campaign's model,
 * the commission split among affiliates to the cent, with a sentence saying why.
 */
import { touchWeights, type AttributionModel, type Touch } from "./models";
import { splitByWeights } from "./split";

export interface AffiliateShare {
  affiliateId: string;
  /** Share of the credit in basis points (sums to 10,000 over the shares). */
  shareBp: number;
  /** Part of the commission, minor units (sums exactly to the commission). */
  amount: number;
  explanation: string;
}

export interface AttributionInput {
  touches: readonly Touch[];
  conversionAt: number;
  windowDays: number;
  model: AttributionModel;
  /** Total commission of the order, minor units, computed by the commission rules. */
  commission: number;
}

const MODEL_NAMES: Record<AttributionModel["kind"], string> = {
  last_click: "last click",
  first_click: "first click",
  linear: "linear",
  time_decay: "time decay",
  position_based: "position based",
};

export function attribute(input: AttributionInput): AffiliateShare[] {
  const from = input.conversionAt - input.windowDays * 86_400_000;
  const inWindow = input.touches.filter((t) => t.at >= from && t.at <= input.conversionAt).sort((a, b) => a.at - b.at);
  if (inWindow.length === 0) return [];
  const weights = touchWeights(inWindow, input.model, input.conversionAt);
  // Per affiliate, in order of their first touch, so ties and rounding are deterministic.
  const byAffiliate = new Map<string, { weight: number; touches: number }>();
  inWindow.forEach((t, i) => {
    const seen = byAffiliate.get(t.affiliateId) ?? { weight: 0, touches: 0 };
    byAffiliate.set(t.affiliateId, { weight: seen.weight + weights[i], touches: seen.touches + 1 });
  });
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
        `${MODEL_NAMES[input.model.kind]} over ${inWindow.length} touch${inWindow.length > 1 ? "es" : ""} in the last ${input.windowDays} days: ` +
        `${byAffiliate.get(affiliateId)!.touches} by this affiliate, ${(bps[i] / 100).toFixed(2)}% of the credit`,
    }))
    .filter((s) => s.shareBp > 0 || s.amount > 0);
}
