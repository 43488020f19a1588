/**
 * Runs work for one tenant inside a transaction as the database role `indica_tenant` with
 * `indica.tenant_id` set (both transaction-local), so Postgres row-level security (migration 0013) lets
 * through only that tenant's rows, whatever the query says. The queries still filter by tenant
 * themselves: RLS is the second wall, not the first.
 */
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "./client";

export const TENANT_ROLE = "indica_tenant";

export function inTenantScope<T>(db: Database, tenantId: string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('role', ${TENANT_ROLE}, true), set_config('indica.tenant_id', ${tenantId}, true)`);
    return fn(tx);
  });
}
