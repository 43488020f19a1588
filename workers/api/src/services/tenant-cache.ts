/**
 * After a merchant's settings change, the edge must stop serving the old ones: the tracking site record
 * and every cached link record (they carry the cookie domain and click parameter) are dropped, and the
 * Workers reload them from Postgres on the next request. Runs after the response, outside the tenant scope.
 */
import { eq } from "drizzle-orm";
import { linkCacheKey } from "../../../../core/link-record";
import { siteCacheKey } from "../../../../core/site-record";
import type { Executor } from "../../../../db/client";
import { links } from "../../../../db/schema";

const PARALLEL_DELETES = 20;

export async function forgetTenantCaches(db: Executor, kv: KVNamespace, tenantId: string): Promise<void> {
  await kv.delete(siteCacheKey(tenantId));
  const rows = await db.select({ domain: links.domain, code: links.code }).from(links).where(eq(links.tenantId, tenantId));
  for (let i = 0; i < rows.length; i += PARALLEL_DELETES) {
    await Promise.all(rows.slice(i, i + PARALLEL_DELETES).map((r) => kv.delete(linkCacheKey(r.domain, r.code))));
  }
}
