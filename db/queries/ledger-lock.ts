import { sql } from "drizzle-orm";

/**
 * A ledger entry still inside its commission's lock period (the returns window): the commission's credit,
 * and the reversals of it a refund made meanwhile. Both count as locked, so a refund of a locked commission
 * lowers what is locked, not what is available: counting only the credit as locked once made a R$ 1 refund
 * show an available balance of -R$ 0,10 and shrink the next payout by money that was never paid.
 * Balances (API) and payout batches use this one rule, so "available" is what the next batch pays.
 * Reads the aliases `le` (ledger_entries) and `c` (the entry's commission, LEFT JOINed on its id).
 */
export const lockedLedgerEntry = sql`le.kind IN ('commission', 'reversal') AND c.lock_until > now()`;
