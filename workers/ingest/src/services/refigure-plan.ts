/**
 * What recomputing an order's commissions from its new figures does to the ones it has, matched by
 * affiliate (one commission per order and affiliate): a commission keeps its id and takes the new figures; a
 * share the order no longer gives is rejected ("order refigured"); a new share is a new commission. Pure, so
 * refigure-commissions.ts only reads and writes.
 */

/** A stored commission of an order being refigured: pending, or rejected by an earlier refigure. */
export type HeldCommission = {
  id: string; tenant_id: string; conversion_id: string; order_id: string; affiliate_id: string; status: string; amount: number;
  share_bp: number; campaign_id: string; currency: string; rules_version: number; explanation: string[]; reversed_amount: number;
};

/** A commission as the recomputation gives it (create-commissions.ts's rows). */
export type ComputedCommission = Omit<HeldCommission, "status" | "reversed_amount">;

export type RefigurePlan<C extends ComputedCommission> = {
  /** Existing commissions (`id`) with the figures they take now (pending again if a refigure had rejected them). */
  update: C[];
  /** Existing pending commissions the new figures no longer give. */
  reject: HeldCommission[];
  /** Shares the order gives now and had no commission for. */
  insert: C[];
};

/** The commission a row stands for: its order and affiliate. */
const keyOf = (c: { tenant_id: string; conversion_id: string; affiliate_id: string }) => `${c.tenant_id}|${c.conversion_id}|${c.affiliate_id}`;

/** Same figures, same everything the commission says: nothing to write, nothing to announce. */
const unchanged = (was: HeldCommission, now: ComputedCommission) =>
  was.status === "pending" && Number(was.amount) === now.amount && was.share_bp === now.share_bp && was.campaign_id === now.campaign_id &&
  was.currency.trim() === now.currency.trim() && was.rules_version === now.rules_version && JSON.stringify(was.explanation) === JSON.stringify(now.explanation);

/**
 * `held`: the orders' commissions as stored; `computed`: what their figures give now; `refunded`: the
 * conversion ids of orders with stored refunds, whose commissions are all rewritten so the refunds are
 * applied again to the new amounts.
 */
export function planRefigure<C extends ComputedCommission>(held: HeldCommission[], computed: C[], refunded: ReadonlySet<string>): RefigurePlan<C> {
  const byKey = new Map(held.map((c) => [keyOf(c), c]));
  const given = new Set(computed.map(keyOf));
  const update: C[] = [];
  const insert: C[] = [];
  for (const now of computed) {
    const was = byKey.get(keyOf(now));
    if (!was) insert.push(now);
    else if (!unchanged(was, now) || refunded.has(now.conversion_id)) update.push({ ...now, id: was.id });
  }
  const reject = held.filter((c) => c.status === "pending" && !given.has(keyOf(c)));
  return { update, reject, insert };
}
