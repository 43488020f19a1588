/**
 * A merchant's server that reports an order again at the same status with other figures: under
 * at-least-once delivery the order of two reports at one status is unknown, so the stored figures stay
 * (store-conversions.ts). The merchant hears of it in GET /v1/failed-events rather than finding out from a
 * report; an exact duplicate, a redelivery, says nothing. A report at an older status is a late delivery
 * (the original `placed` arriving after `paid`), routine under at-least-once delivery: nothing is said.
 */
import { statusRank, type ConversionDraft } from "../../../../core/conversion-draft";
import type { FailedEventInput } from "./failed-events";
import type { StoredOrder } from "./server-figures";

/** Not a queue message: a replay would only park it again, so the replay skips it (`not_replayable`). */
export const ORDER_RESEND_SOURCE = "order-resend";

type Figures = { amount: number | string; currency: string; items: unknown };

/** jsonb keeps an object's keys in its own order: compared by content, not by how they were written. */
const canonical = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(canonical).join(",")}]`
  : v && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`
  : JSON.stringify(v ?? null);

export const sameFigures = (a: Figures, b: Figures): boolean =>
  Number(a.amount) === Number(b.amount) && a.currency === b.currency && canonical(a.items ?? []) === canonical(b.items ?? []);

/** Informational failed events for the batch's server reports whose figures were not applied. */
export function resentFigures(drafts: ConversionDraft[], before: Map<string, StoredOrder>): FailedEventInput[] {
  return drafts.flatMap((d) => {
    const stored = before.get(`${d.tenantId}|${d.orderId}`);
    // A script's order takes the server's figures; a move forward brings them (or, to cancelled, needs none).
    if (d.source !== "s2s" || stored?.source !== "s2s" || statusRank(d.status) !== statusRank(stored.status)) return [];
    // Items left out are not other items: the order keeps its own (store-conversions.ts).
    if (sameFigures({ ...d, items: d.items ?? stored.items }, stored)) return [];
    const sent = Number(stored.amount) === d.amount && stored.currency === d.currency ? "other items" : `amount ${d.amount} ${d.currency}`;
    const kept = sent === "other items" ? "its items" : `${stored.amount} ${stored.currency}`;
    const reason = `order ${d.orderId} resent with ${sent} at status ${d.status}; it keeps ${kept}: an order's figures change only with a status move forward (placed → paid → fulfilled) or a refund`;
    const payload = { type: "conversion", tenantId: d.tenantId, id: d.eventId, orderId: d.orderId, status: d.status, amount: d.amount, currency: d.currency, items: d.items };
    return [{ source: ORDER_RESEND_SOURCE, payload, reason, attempts: 0 }];
  });
}
