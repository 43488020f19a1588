/**
 * Payout batches from the ledger (the single source of balances). A batch takes, per affiliate in one
 * currency, what the ledger holds (clawbacks included: they lower it) less credits of commissions still in
 * their lock period, when that reaches the minimum; affiliates with a payout still open are left out, so
 * nobody is in two batches at once. Runs inside the API's tenant transaction.
 */
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { newId } from "../../core/ids";
import { rowsOf, type Executor } from "../client";
import { payoutBatches, payoutItems } from "../schema";
import { lockedLedgerEntry } from "./ledger-lock";

export type BatchRow = typeof payoutBatches.$inferSelect;
export type ItemRow = typeof payoutItems.$inferSelect;

/** Which method kind each provider pays to; the CSV export takes any method. */
export const PROVIDER_KINDS = { csv: null, csv_pix: "pix", pix: "pix", stripe_connect: "stripe_connect", paypal: "paypal" } as const;
export type ProviderName = keyof typeof PROVIDER_KINDS;

/** CSV batches are paid by the merchant from the bank: nothing is sent, and nothing is debited until a line is marked paid. */
export const isCsvProvider = (provider: string) => provider === "csv" || provider === "csv_pix";

export interface NewBatch {
  tenantId: string;
  currency: string;
  provider: ProviderName;
  minimumAmount: number;
  actor: string;
}

export async function payableBalances(db: Executor, b: NewBatch): Promise<{ affiliate_id: string; payable: string }[]> {
  const kind = PROVIDER_KINDS[b.provider];
  const result = await db.execute<{ affiliate_id: string; payable: string }>(sql`
    SELECT le.affiliate_id,
      sum(le.amount) - coalesce(sum(le.amount) FILTER (WHERE ${lockedLedgerEntry}), 0) AS payable
    FROM ledger_entries le
    LEFT JOIN commissions c ON c.tenant_id = le.tenant_id AND c.id = le.commission_id
    WHERE le.tenant_id = ${b.tenantId} AND le.currency = ${b.currency}
      AND NOT EXISTS (SELECT 1 FROM payout_items i JOIN payout_batches pb ON pb.id = i.batch_id
        WHERE i.tenant_id = ${b.tenantId} AND i.affiliate_id = le.affiliate_id AND i.currency = ${b.currency}
          AND i.status <> 'paid' AND pb.status <> 'cancelled')
      AND (${kind}::text IS NULL OR EXISTS (SELECT 1 FROM payout_methods m WHERE m.tenant_id = ${b.tenantId} AND m.affiliate_id = le.affiliate_id AND m.kind = ${kind}))
    GROUP BY le.affiliate_id
    HAVING sum(le.amount) - coalesce(sum(le.amount) FILTER (WHERE ${lockedLedgerEntry}), 0) >= greatest(${b.minimumAmount}::bigint, 1)
    ORDER BY le.affiliate_id`);
  return rowsOf(result);
}

/** A draft batch, or null when nobody reaches the minimum. Serialised per tenant and currency. */
export async function createBatch(db: Executor, b: NewBatch): Promise<{ batch: BatchRow; items: ItemRow[] } | null> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`payouts:${b.tenantId}:${b.currency}`}))`);
  const balances = await payableBalances(db, b);
  if (balances.length === 0) return null;
  const id = newId("payout");
  const total = balances.reduce((s, r) => s + Number(r.payable), 0);
  const [batch] = await db
    .insert(payoutBatches)
    .values({ id, tenantId: b.tenantId, currency: b.currency, provider: b.provider, minimumAmount: b.minimumAmount, totalAmount: total, itemCount: balances.length, createdBy: b.actor })
    .returning();
  const items = await db
    .insert(payoutItems)
    .values(
      balances.map((r) => {
        const itemId = newId("payoutItem");
        return { id: itemId, tenantId: b.tenantId, batchId: id, affiliateId: r.affiliate_id, currency: b.currency, amount: Number(r.payable), idempotencyKey: itemId };
      }),
    )
    .returning();
  await recordCoveredCommissions(db, b.tenantId, id);
  return { batch, items };
}

/**
 * Records, for each item of a new batch, the commission credits it counted: the affiliate's credits in the
 * batch's currency past their lock period, of commissions still approved, that no item of another batch
 * (cancelled ones aside) covers. Paying the item marks exactly these paid (payout-settlement.ts).
 */
async function recordCoveredCommissions(db: Executor, tenantId: string, batchId: string): Promise<void> {
  await db.execute(sql`
    INSERT INTO payout_item_commissions (tenant_id, item_id, commission_id, ledger_entry_id, amount)
    SELECT i.tenant_id, i.id, c.id, le.id, le.amount
    FROM payout_items i
    JOIN ledger_entries le ON le.tenant_id = i.tenant_id AND le.affiliate_id = i.affiliate_id AND le.currency = i.currency AND le.kind = 'commission'
    JOIN commissions c ON c.tenant_id = le.tenant_id AND c.id = le.commission_id
    WHERE i.tenant_id = ${tenantId} AND i.batch_id = ${batchId}
      AND c.status = 'approved' AND NOT (${lockedLedgerEntry})
      AND NOT EXISTS (SELECT 1 FROM payout_item_commissions pic
        JOIN payout_items oi ON oi.tenant_id = pic.tenant_id AND oi.id = pic.item_id
        WHERE pic.tenant_id = i.tenant_id AND pic.commission_id = c.id AND oi.batch_id <> i.batch_id AND oi.status <> 'cancelled')
    ON CONFLICT DO NOTHING`);
}

export async function getBatch(db: Executor, tenantId: string, id: string, lock = false): Promise<BatchRow | null> {
  const q = db.select().from(payoutBatches).where(and(eq(payoutBatches.tenantId, tenantId), eq(payoutBatches.id, id)));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

export const itemsOf = (db: Executor, tenantId: string, batchId: string) =>
  db.select().from(payoutItems).where(and(eq(payoutItems.tenantId, tenantId), eq(payoutItems.batchId, batchId))).orderBy(asc(payoutItems.affiliateId));

export const listBatches = (db: Executor, tenantId: string, limit: number, cursor?: string) =>
  db
    .select()
    .from(payoutBatches)
    .where(and(eq(payoutBatches.tenantId, tenantId), cursor ? lt(payoutBatches.id, cursor) : undefined))
    // Newest first: the batch a merchant is working on is the latest, not the one from a year ago.
    .orderBy(desc(payoutBatches.id))
    .limit(limit + 1);
