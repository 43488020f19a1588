/**
 * An approved BRL commission and its credit in the ledger, written straight to the database: payout tests
 * start from money already earned, without the orders and clicks that would earn it.
 */
import type pg from "pg";
import { newId } from "../../core/ids";
import type { SeededProgram } from "../../scripts/lib/seed-program";

/** `lockedUntil` is SQL: by default the lock period ended yesterday, so the amount is available. */
export async function earnApproved(db: pg.Pool, p: SeededProgram, affiliateId: string, amount: number, lockedUntil = "now() - interval '1 day'"): Promise<string> {
  const id = newId("commission");
  await db.query(
    `INSERT INTO commissions (id, tenant_id, conversion_id, order_id, affiliate_id, campaign_id, currency, amount, share_bp, status, rules_version, lock_until)
     VALUES ($1, $2, $3, $4, $5, $6, 'BRL', $7, 10000, 'approved', 1, ${lockedUntil})`,
    [id, p.tenantId, newId("conversion"), `o-${id}`, affiliateId, p.campaignId, amount],
  );
  await db.query(
    "INSERT INTO ledger_entries (id, tenant_id, affiliate_id, currency, amount, kind, commission_id, entry_key) VALUES ($1, $2, $3, 'BRL', $4, 'commission', $5, $6)",
    [newId("ledgerEntry"), p.tenantId, affiliateId, amount, id, `commission:${id}`],
  );
  return id;
}
