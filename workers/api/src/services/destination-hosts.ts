/**
 * Where a tenant's links may send shoppers (core/destination-host.ts says how a URL is matched). The
 * default is what the merchant has already told us it owns: its campaigns' destinations, the origins
 * allowed to run the tracking script, the cookie domain and its verified domains; `destinationHosts`
 * adds more (a marketplace store, a second shop). One rule for every caller: affiliates are the reason
 * for it, and a merchant who needs another host adds it, so a leaked API key cannot mint phishing links
 * on the shop's domain without also changing the account's settings.
 */
import { and, eq, isNotNull } from "drizzle-orm";
import { allowListEntry, allowsHttp, destinationRefusal } from "../../../../core/destination-host";
import { fail, ok, type Result } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import { campaigns, domains, tenants } from "../../../../db/schema";

/** The tenant's allow-list, each host once, sorted; an entry also allows its subdomains. */
export async function destinationHosts(db: Executor, tenantId: string): Promise<string[]> {
  const [tenant] = await db
    .select({ destinationHosts: tenants.destinationHosts, allowedOrigins: tenants.allowedOrigins, cookieDomain: tenants.cookieDomain })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  const destinations = await db.selectDistinct({ url: campaigns.destinationUrl }).from(campaigns).where(eq(campaigns.tenantId, tenantId));
  const verified = await db
    .select({ hostname: domains.hostname })
    .from(domains)
    .where(and(eq(domains.tenantId, tenantId), isNotNull(domains.verifiedAt)));
  const named = [
    ...(tenant?.destinationHosts ?? []),
    ...(tenant?.allowedOrigins ?? []),
    ...(tenant?.cookieDomain ? [tenant.cookieDomain] : []),
    ...destinations.map((d) => d.url),
    ...verified.map((d) => d.hostname),
  ];
  const hosts = new Set(named.map(allowListEntry).filter((h): h is string => h !== null));
  return [...hosts].sort();
}

const SHOWN = 10;

/** The hosts for a message: the first few, then how many more. */
function hostList(hosts: readonly string[]): string {
  if (hosts.length === 0) return "no hosts yet";
  const shown = hosts.slice(0, SHOWN).join(", ");
  return hosts.length > SHOWN ? `${shown} and ${hosts.length - SHOWN} more` : shown;
}

const HOW_TO_ADD = "The merchant adds a host under Settings, Link destinations (destinationHosts in PATCH /v1/tenant).";

/** A 422 at `pointer` when the destination is not on the allow-list; ok otherwise. */
export function checkDestination(destination: string, hosts: readonly string[], campaignDestination: string, pointer: string): Result<null> {
  const refusal = destinationRefusal(destination, hosts, allowsHttp(campaignDestination));
  if (refusal === null) return ok(null);
  if (refusal === "scheme") return fail("unprocessable", "Links send shoppers over https (http only where the campaign's own destination is http).", pointer);
  if (refusal === "credentials") return fail("unprocessable", "A destination must not carry a user name or password.", pointer);
  const host = new URL(destination).hostname;
  return fail("unprocessable", `${host} is not one of the merchant's sites. Links may send shoppers to ${hostList(hosts)} (and their subdomains). ${HOW_TO_ADD}`, pointer);
}
