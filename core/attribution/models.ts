/**
 * Attribution models: how an order's credit is shared among the affiliate touches before it. Pure and
 * deterministic; each returns one weight per touch (in time order), summing to 1.
 */
import { z } from "zod";

export const attributionModelSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("last_click") }),
  z.object({ kind: z.literal("first_click") }),
  z.object({ kind: z.literal("linear") }),
  /** Credit halves for every `halfLifeHours` a touch lies before the order. */
  z.object({ kind: z.literal("time_decay"), halfLifeHours: z.number().positive().max(24 * 365).default(168) }),
  /** `first`% to the first touch, `last`% to the last, the rest spread over the middle ones (40/20/40). */
  z.object({ kind: z.literal("position_based"), first: z.number().int().min(0).max(100).default(40), last: z.number().int().min(0).max(100).default(40) }),
]);
export type AttributionModel = z.infer<typeof attributionModelSchema>;

export interface Touch {
  affiliateId: string;
  /** Epoch ms. */
  at: number;
  clickId?: string | null;
  /** Set on the touch a coupon stands for (conflicts.ts): its code. Clicks have none. */
  coupon?: string;
}

export function touchWeights(touches: readonly Touch[], model: AttributionModel, conversionAt: number): number[] {
  const n = touches.length;
  if (n === 0) return [];
  const only = (i: number) => touches.map((_, k) => (k === i ? 1 : 0));
  switch (model.kind) {
    case "last_click":
      return only(n - 1);
    case "first_click":
      return only(0);
    case "linear":
      return touches.map(() => 1 / n);
    case "time_decay": {
      const raw = touches.map((t) => 2 ** (-Math.max(0, conversionAt - t.at) / (model.halfLifeHours * 3_600_000)));
      const sum = raw.reduce((a, b) => a + b, 0);
      return raw.map((w) => w / sum);
    }
    case "position_based": {
      if (n === 1) return [1];
      if (n === 2) {
        const total = model.first + model.last || 1;
        return [model.first / total, model.last / total];
      }
      const middle = Math.max(0, 100 - model.first - model.last) / (n - 2);
      const raw = touches.map((_, i) => (i === 0 ? model.first : i === n - 1 ? model.last : middle));
      const sum = raw.reduce((a, b) => a + b, 0) || 1;
      return raw.map((w) => w / sum);
    }
  }
}
