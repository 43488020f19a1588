/**
 * Builds the click event from the request and what it needs from the guard objects. Synchronous and a few
 * microseconds (both hashes are plain code, remembered per isolate): a promise and a waitUntil per click
 * cost the edge more than the work. Guards are asked per batch (services/record-clicks.ts).
 */
import { requestSignals, type ClickRequestFacts } from "../../../../core/click-signals";
import { hostOf } from "../../../../core/url-host";
import type { FraudReason } from "../../../../core/fraud";
import { reducedUserAgent } from "../../../../core/device-class";
import { hashIp } from "../../../../core/ip";
import { memoize } from "../../../../core/memo";
import { sha256HexSync } from "../../../../core/sha256";
import type { LinkRecord } from "../../../../core/link-record";
import type { ClickEvent } from "../../../../core/schemas/click-event";
import type { GuardRequest } from "../../../../durable-objects/click-guard";

const AD_CLICK_PARAMS = ["gclid", "gbraid", "wbraid", "msclkid", "fbclid", "ttclid"] as const;
const SUB_ID_KEYS = ["sub1", "sub2", "sub3", "sub4", "sub5"] as const;
const MAX_PARAM_LENGTH = 200;

/** What the route already knows about the click: its ids, time and user agent. */
export interface ClickContext {
  clickId: string;
  visitorId: string;
  /** Whether the visitor id came from the visitor's cookie (a returning visitor) or was made now. */
  knownVisitor: boolean;
  ts: number;
  /** The request's user agent, as the route already read it (each header read is a call into the runtime). */
  userAgent: string | null;
  /**
   * Whether the click may keep identifiers (core/consent.ts). Without them the stored event has no IP hash,
   * ad click ids or full user agent (only its device class), and `visitorId` is a fresh id no cookie holds.
   * The fraud checks still see everything, in memory: the IP hash keys the guards' short-lived counters.
   */
  identifiers: boolean;
}

/** A click waiting for its batch: the event so far, its own signals, and its question to the guards. */
export interface PendingClick {
  event: ClickEvent;
  requestReasons: FraudReason[];
  guard: GuardRequest;
  flagThreshold: number;
}

/** No query string, no parameters: one shared empty set instead of a native object per click. */
const NO_PARAMS = new URLSearchParams();

/** Sub-ids stored on the link, overridden by `?sub1=..` the affiliate appended to this particular share. */
export function clickSubIds(link: LinkRecord, query: URLSearchParams): Record<string, string> {
  const subIds: Record<string, string> = { ...link.subIds };
  if (query === NO_PARAMS) return subIds;
  for (const key of SUB_ID_KEYS) {
    const value = query.get(key);
    if (value) subIds[key] = value.slice(0, MAX_PARAM_LENGTH);
  }
  return subIds;
}

function adClickIds(query: URLSearchParams): Record<string, string> {
  const ids: Record<string, string> = {};
  // Each `get` is a call into the runtime; a link without a query (most shares) asks none.
  if (query === NO_PARAMS) return ids;
  for (const p of AD_CLICK_PARAMS) {
    const v = query.get(p);
    if (v) ids[p] = v.slice(0, MAX_PARAM_LENGTH);
  }
  return ids;
}

/** A short, fixed-length stand-in for the user agent in guard keys; one hash per distinct browser string. */
const userAgentDigest = memoize((userAgent: string) => sha256HexSync(userAgent, 16), 1_000);

/** `query` is the request URL's query string (without `?`), as the route read it. */
export function buildClick(request: Request, query: string, link: LinkRecord, who: ClickContext, ipSecret: string): PendingClick {
  const params = query ? new URLSearchParams(query) : NO_PARAMS;
  const h = request.headers;
  const cf = (request as Request & { cf?: { country?: unknown; asn?: unknown } }).cf;
  const ip = h.get("cf-connecting-ip");
  const ipHash = ip ? hashIp(ip, ipSecret, who.ts) : null;
  const userAgent = who.userAgent?.slice(0, 512) ?? null;
  const facts: ClickRequestFacts = {
    userAgent,
    accept: h.get("accept"),
    acceptLanguage: h.get("accept-language"),
    secChUa: h.get("sec-ch-ua"),
    asn: typeof cf?.asn === "number" ? cf.asn : null,
    adClickIds: adClickIds(params),
  };
  // Without a visitor cookie, the same network and browser stand in for the visitor (cookie-less bots).
  const visitorKey = who.knownVisitor ? `v:${who.visitorId}` : `f:${ipHash ?? "-"}:${userAgentDigest(userAgent ?? "")}`;
  return {
    event: {
      type: "click",
      v: 1,
      id: who.clickId,
      ts: who.ts,
      tenantId: link.tenantId,
      linkId: link.linkId,
      campaignId: link.campaignId,
      affiliateId: link.affiliateId,
      visitorId: who.visitorId,
      subIds: clickSubIds(link, params),
      ipHash: who.identifiers ? ipHash : null,
      country: typeof cf?.country === "string" && cf.country.length === 2 ? cf.country : null,
      userAgent: who.identifiers ? userAgent : reducedUserAgent(userAgent),
      // The host only (never the path), like every click: which site sent the shopper, for the affiliate.
      referrerHost: hostOf(h.get("referer")),
      adClickIds: who.identifiers ? facts.adClickIds : {},
      isDuplicate: false,
      fraud: { score: 0, reasons: [], flagged: false },
    },
    requestReasons: requestSignals(facts, link.fraud),
    guard: {
      click: { visitor: visitorKey, linkId: link.linkId, affiliateId: link.affiliateId, at: who.ts, dedupWindowMs: link.dedupWindowSeconds * 1000 },
      network: ipHash,
      limits: link.fraud,
    },
    flagThreshold: link.fraud.flagThreshold,
  };
}
