/** What the ingest Worker needs to know about a merchant's site to accept its tracking calls. */
import { z } from "zod";

export const siteRecordSchema = z.object({
  tenantId: z.string(),
  allowedOrigins: z.array(z.string()),
  cookieDomain: z.string().nullable(),
  consentMode: z.enum(["not_required", "required"]),
  clickCookieDays: z.number().int(),
});
export type SiteRecord = z.infer<typeof siteRecordSchema>;

export const siteCacheKey = (tenantId: string) => `site:${tenantId}`;

/** Same-origin calls need no allow-list; cross-origin ones must be registered by the merchant. */
export function isOriginAllowed(site: SiteRecord, origin: string | null, requestUrl: string): boolean {
  if (!origin) return true; // not a browser cross-origin call (server, curl, same-origin navigation)
  if (origin === new URL(requestUrl).origin) return true;
  return site.allowedOrigins.includes(origin.toLowerCase());
}

/** The cookie's Domain when the request host is inside the merchant's cookie domain; host-only otherwise. */
export function cookieDomainFor(site: SiteRecord, host: string): string | null {
  const d = site.cookieDomain?.toLowerCase().replace(/^\./, "");
  return d && (host === d || host.endsWith(`.${d}`)) ? d : null;
}
