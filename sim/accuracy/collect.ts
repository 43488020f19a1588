/** The product's decisions, read the way a merchant reads them: through the API. */
import type pg from "pg";
import { listAll, type Endpoints } from "./http";
import type { Merchant } from "./merchants";

export interface ConversionView {
  orderId: string;
  affiliateId: string | null;
  identitySource: string | null;
  fraud?: { flagged: boolean; reasons: string[] };
}
export interface CommissionView {
  id: string;
  orderId: string;
  affiliateId: string;
  amount: number;
  reversedAmount: number;
  status: string;
  heldForReview: boolean;
}

export interface Decisions {
  /** By `tenantId/orderId`. */
  conversions: Map<string, ConversionView>;
  commissions: Map<string, CommissionView[]>;
  /** Click ids in the review queue (flagged, not yet decided). */
  flaggedClicks: Map<string, string[]>;
  /** Ledger clawbacks per commission (negative minor units). No API lists ledger entries yet: read in SQL. */
  clawbacks: Map<string, number>;
}

export async function readDecisions(ep: Endpoints, db: pg.Pool, merchants: Merchant[]): Promise<Decisions> {
  const d: Decisions = { conversions: new Map(), commissions: new Map(), flaggedClicks: new Map(), clawbacks: new Map() };
  for (const m of merchants) {
    for (const c of await listAll<ConversionView>(`${ep.api}/v1/conversions`, m.apiKey)) d.conversions.set(`${m.tenantId}/${c.orderId}`, c);
    for (const c of await listAll<CommissionView>(`${ep.api}/v1/commissions`, m.apiKey)) {
      const k = `${m.tenantId}/${c.orderId}`;
      d.commissions.set(k, [...(d.commissions.get(k) ?? []), c]);
    }
    for (const r of await listAll<{ id: string; reasons: string[] }>(`${ep.api}/v1/fraud/review?kind=click`, m.apiKey)) d.flaggedClicks.set(r.id, r.reasons);
  }
  const { rows } = await db.query<{ commission_id: string; amount: string }>(
    "SELECT commission_id, sum(amount) AS amount FROM ledger_entries WHERE tenant_id = ANY($1) AND kind = 'clawback' GROUP BY 1", [merchants.map((m) => m.tenantId)]);
  for (const r of rows) d.clawbacks.set(r.commission_id, Number(r.amount));
  return d;
}
