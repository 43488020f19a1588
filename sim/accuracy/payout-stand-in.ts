/**
 * Refunds after payout: payouts do not exist yet (issue 10), so the commission is approved through the API
 * as a merchant would, then set to `paid` in SQL, standing in for the payout batch. The refund's ledger
 * debit must then be a clawback; the commission's reversed amount is checked like any other.
 */
import type pg from "pg";
import { call, type Endpoints } from "./http";
import type { Merchant } from "./merchants";
import type { ActorState } from "./state";

export async function markPaidBeforeRefund(ep: Endpoints, db: pg.Pool, merchants: Merchant[], states: ActorState[]): Promise<void> {
  for (const s of states.filter((x) => x.actor.orders.some((o) => o.refunds.some((r) => r.afterPayout)))) {
    const orderIds = s.actor.orders.map((o) => s.orderIds.get(o.key)!);
    const m = merchants[s.actor.merchant];
    // The list API has no order filter: the ids come from SQL, the decision goes through the API.
    const { rows } = await db.query<{ id: string }>("SELECT id FROM commissions WHERE tenant_id = $1 AND order_id = ANY($2) AND amount > 0", [m.tenantId, orderIds]);
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id);
    await call(`${ep.api}/v1/commissions/decisions`, { token: m.apiKey, body: { action: "approve", ids, reason: "sim: approved before payout" } });
    await db.query("UPDATE commissions SET status = 'paid' WHERE id = ANY($1) AND status = 'approved'", [ids]);
  }
}
