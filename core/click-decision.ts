/**
 * Whether a request on an affiliate link counts as a click. Shoppers always get where they were going;
 * this only decides if we set cookies, append the click id and enqueue a click.
 */
import type { LinkRecord } from "./link-record";

export type UntrackedReason = "head_request" | "bot" | "link_disabled" | "campaign_inactive" | "affiliate_inactive";

export type ClickDecision = { track: true } | { track: false; reason: UntrackedReason };

export interface ClickContext {
  method: string;
  isBot: boolean;
}

export function decideClick(link: LinkRecord, ctx: ClickContext): ClickDecision {
  // Link unfurlers and uptime checks send HEAD; nobody lands on the store from one.
  if (ctx.method === "HEAD") return { track: false, reason: "head_request" };
  if (link.linkStatus !== "active") return { track: false, reason: "link_disabled" };
  if (link.campaignStatus !== "active") return { track: false, reason: "campaign_inactive" };
  if (link.affiliateStatus !== "active") return { track: false, reason: "affiliate_inactive" };
  if (ctx.isBot) return { track: false, reason: "bot" };
  return { track: true };
}
