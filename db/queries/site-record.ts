import { eq } from "drizzle-orm";
import type { SiteRecord } from "../../core/site-record";
import type { Database } from "../client";
import { tenants } from "../schema";

export async function findSiteRecord(db: Database, tenantId: string): Promise<SiteRecord | null> {
  const [row] = await db
    .select({
      tenantId: tenants.id,
      allowedOrigins: tenants.allowedOrigins,
      cookieDomain: tenants.cookieDomain,
      consentMode: tenants.consentMode,
      clickCookieDays: tenants.clickCookieDays,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!row) return null;
  return { ...row, consentMode: row.consentMode === "required" ? "required" : "not_required", allowedOrigins: row.allowedOrigins.map((o) => o.toLowerCase()) };
}
