/**
 * Many links in one request, all or nothing: every item is checked and inserted in a savepoint, and the
 * first failure rolls all of them back and is answered with a pointer to its item. Destinations are held
 * to the tenant's allow-list (destination-hosts.ts), read once. The campaign, affiliate and domain checks
 * are shared by items that name the same ones, so a 500-link batch for one affiliate costs a few queries
 * plus one insert per link.
 */
import type { Principal } from "../../../../core/auth/access";
import { ok, type Result, type ServiceError } from "../../../../core/result";
import type { Executor } from "../../../../db/client";
import type { CreateLinkInput } from "../routes/v1/links/schema";
import { checkDestination, destinationHosts } from "./destination-hosts";
import { linkFor } from "./link-access";
import { checkLinkTarget, insertLink, type LinkRow, type LinkTarget, type NewLink } from "./links";

class ItemFailed extends Error {
  constructor(readonly failure: ServiceError) {
    super(failure.detail);
  }
}

/** Who the item's link is for and whether its campaign, affiliate and domain may be used. */
async function resolve(db: Executor, principal: Principal, item: CreateLinkInput, defaultDomain: string, at: string): Promise<Result<{ input: NewLink; target: LinkTarget }>> {
  const input = await linkFor(db, principal, item, at);
  if (!input.ok) return input;
  const target = await checkLinkTarget(db, principal.tenantId, input.value, defaultDomain, at);
  return target.ok ? ok({ input: input.value, target: target.value }) : target;
}

export async function createLinks(db: Executor, principal: Principal, items: CreateLinkInput[], defaultDomain: string): Promise<Result<LinkRow[]>> {
  try {
    const rows = await db.transaction(async (tx) => {
      // Only successful checks are kept: the first failure ends the batch.
      const resolved = new Map<string, { input: NewLink; target: LinkTarget }>();
      const created: LinkRow[] = [];
      // The allow-list is the tenant's, so one read serves every item that names a destination.
      let hosts: string[] | undefined;
      for (const [i, item] of items.entries()) {
        const at = `/body/links/${i}`;
        const key = `${item.campaignId} ${item.affiliateId ?? ""} ${item.domain ?? ""}`;
        let known = resolved.get(key);
        if (!known) {
          const result = await resolve(tx, principal, item, defaultDomain, at);
          if (!result.ok) throw new ItemFailed(result.error);
          resolved.set(key, (known = result.value));
        }
        if (item.destinationUrl !== undefined) {
          hosts ??= await destinationHosts(tx, principal.tenantId);
          const allowed = checkDestination(item.destinationUrl, hosts, known.target.campaignDestination, `${at}/destinationUrl`);
          if (!allowed.ok) throw new ItemFailed(allowed.error);
        }
        const row = await insertLink(tx, principal.tenantId, known.target, { ...item, affiliateId: known.input.affiliateId }, at);
        if (!row.ok) throw new ItemFailed(row.error);
        created.push(row.value);
      }
      return created;
    });
    return ok(rows);
  } catch (error) {
    if (error instanceof ItemFailed) return { ok: false, error: error.failure };
    throw error;
  }
}
