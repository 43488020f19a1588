import { customType } from "drizzle-orm/pg-core";

/**
 * Text that is an identifier, never prose: ids and foreign ids, hashes, idempotency keys, and the report
 * rollups' dimension keys (currency, country, device, sub1). Such columns are declared `COLLATE "C"` so
 * PostgreSQL compares them as bytes. Under the libc collation a database gets by default (`C.UTF-8` here
 * and on Neon, which PostgreSQL 15 does not treat as `C`), every unequal comparison in an index goes
 * through `strcoll`; ids are ASCII, so byte order is the order they had anyway. Migration 0027 says what
 * it measured and why `tenant_id` keeps the default collation.
 */
export const idText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});
