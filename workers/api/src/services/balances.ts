/**
 * Affiliates' money per currency. The ledger holds every credit and debit (db/queries/commission-lifecycle.ts),
 * so what is available is its sum less the entries of commissions still inside their lock period (returns
 * window: db/queries/ledger-lock.ts), which are `locked`: the same rule as payout batches (db/queries/payout-batches.ts), so "available"
 * is what the next payout would pay. Pending commissions are not in the ledger until approved, so they come
 * from the commissions themselves. One set-based query per page of affiliates.
 */
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { rowsOf, type Executor } from "../../../../db/client";
import { lockedLedgerEntry } from "../../../../db/queries/ledger-lock";
import { ledgerEntries } from "../../../../db/schema";

export type BalanceRow = {
  affiliate_id: string;
  currency: string;
  available: string;
  locked: string;
  pending: string;
  paid: string;
  clawback_carried: string;
};

/** Balances of a page of affiliates (by id, `limit + 1` of them, for the cursor), one row per currency. */
export async function balancesOf(db: Executor, tenantId: string, f: { affiliateId?: string; cursor?: string; limit: number }, onlyAffiliate: string | null): Promise<BalanceRow[]> {
  const affiliateIs = (column: string) =>
    sql.join(
      [
        onlyAffiliate ? sql`${sql.raw(column)} = ${onlyAffiliate}` : sql`true`,
        f.affiliateId ? sql`${sql.raw(column)} = ${f.affiliateId}` : sql`true`,
        f.cursor ? sql`${sql.raw(column)} > ${f.cursor}` : sql`true`,
      ],
      sql` AND `,
    );
  const result = await db.execute<BalanceRow>(sql`
    WITH money AS (
      SELECT le.affiliate_id, le.currency, le.amount AS available, 0 AS pending,
        CASE WHEN le.kind = 'payout' THEN -le.amount ELSE 0 END AS paid, CASE WHEN le.kind = 'clawback' THEN -le.amount ELSE 0 END AS clawback_carried,
        CASE WHEN ${lockedLedgerEntry} THEN le.amount ELSE 0 END AS locked
      FROM ledger_entries le
      LEFT JOIN commissions c ON c.tenant_id = le.tenant_id AND c.id = le.commission_id
      WHERE le.tenant_id = ${tenantId} AND ${affiliateIs("le.affiliate_id")}
      UNION ALL
      SELECT affiliate_id, currency, 0, amount - reversed_amount, 0, 0, 0
      FROM commissions WHERE tenant_id = ${tenantId} AND status = 'pending' AND ${affiliateIs("affiliate_id")}
    ),
    page AS (SELECT DISTINCT affiliate_id FROM money ORDER BY affiliate_id LIMIT ${f.limit + 1})
    SELECT m.affiliate_id, m.currency, sum(m.available) - sum(m.locked) AS available, sum(m.locked) AS locked, sum(m.pending) AS pending,
      sum(m.paid) AS paid, sum(m.clawback_carried) AS clawback_carried
    FROM money m JOIN page USING (affiliate_id)
    GROUP BY m.affiliate_id, m.currency
    ORDER BY m.affiliate_id, m.currency`);
  return rowsOf(result);
}

/** Payout entries of the ledger, oldest first (`limit + 1`). */
export function payoutsOf(db: Executor, tenantId: string, f: { affiliateId?: string; cursor?: string; limit: number }, onlyAffiliate: string | null) {
  return db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.tenantId, tenantId),
        eq(ledgerEntries.kind, "payout"),
        onlyAffiliate ? eq(ledgerEntries.affiliateId, onlyAffiliate) : undefined,
        f.affiliateId ? eq(ledgerEntries.affiliateId, f.affiliateId) : undefined,
        f.cursor ? gt(ledgerEntries.id, f.cursor) : undefined,
      ),
    )
    .orderBy(asc(ledgerEntries.id))
    .limit(f.limit + 1);
}
