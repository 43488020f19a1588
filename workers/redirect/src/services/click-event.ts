/** Builds the click event from the request. Runs inside waitUntil: the HMAC of the IP costs nothing to the shopper. */
import type { ClickEvent } from "../../../../core/schemas/click-event";
import { hashIp } from "../../../../core/ip";
import type { LinkRecord } from "../../../../core/link-record";

const AD_CLICK_PARAMS = ["gclid", "gbraid", "wbraid", "msclkid", "fbclid", "ttclid"] as const;
const SUB_ID_KEYS = ["sub1", "sub2", "sub3", "sub4", "sub5"] as const;
const MAX_PARAM_LENGTH = 200;

export interface ClickIdentity {
  clickId: string;
  visitorId: string;
  ts: number;
}

/** Sub-ids stored on the link, overridden by `?sub1=..` the affiliate appended to this particular share. */
export function clickSubIds(link: LinkRecord, query: URLSearchParams): Record<string, string> {
  const subIds: Record<string, string> = { ...link.subIds };
  for (const key of SUB_ID_KEYS) {
    const value = query.get(key);
    if (value) subIds[key] = value.slice(0, MAX_PARAM_LENGTH);
  }
  return subIds;
}

export async function buildClickEvent(request: Request, link: LinkRecord, who: ClickIdentity, ipSecret: string): Promise<ClickEvent> {
  const url = new URL(request.url);
  const adClickIds: Record<string, string> = {};
  for (const p of AD_CLICK_PARAMS) {
    const v = url.searchParams.get(p);
    if (v) adClickIds[p] = v.slice(0, MAX_PARAM_LENGTH);
  }
  const ip = request.headers.get("cf-connecting-ip");
  const country = (request as Request & { cf?: { country?: unknown } }).cf?.country;
  return {
    type: "click",
    v: 1,
    id: who.clickId,
    ts: who.ts,
    tenantId: link.tenantId,
    linkId: link.linkId,
    campaignId: link.campaignId,
    affiliateId: link.affiliateId,
    visitorId: who.visitorId,
    subIds: clickSubIds(link, url.searchParams),
    ipHash: ip ? await hashIp(ip, ipSecret, who.ts) : null,
    country: typeof country === "string" && country.length === 2 ? country : null,
    userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null,
    referrerHost: referrerHost(request.headers.get("referer")),
    adClickIds,
  };
}

function referrerHost(referer: string | null): string | null {
  if (!referer) return null;
  try {
    return new URL(referer).hostname.slice(0, 255) || null;
  } catch {
    return null;
  }
}
