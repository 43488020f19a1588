/**
 * Normalises the two ways an order reaches us (the script's conversion event, the merchant's server) into
 * one shape, with the identity candidates each one carries.
 */
import { timestampOfId } from "./ids";
import type { IdentityCandidates } from "./identity-chain";
import type { BrowserEventMessage, ConversionMessage } from "./schemas/queue-event";
import type { BrowserEvent } from "./schemas/tracking";

export interface ConversionDraft {
  tenantId: string;
  orderId: string;
  eventId: string;
  source: "browser" | "s2s";
  status: string;
  amount: number;
  currency: string;
  /**
   * null: the report left `items` out. A server's status update rarely repeats the line items, so the order
   * keeps the ones it has (store-conversions.ts); `items: []` says the order has none.
   */
  items: unknown[] | null;
  coupon: string | null;
  clickId: string | null;
  clickIdSource: string | null;
  visitorId: string | null;
  emailHash: string | null;
  customerIdHash: string | null;
  metadata: Record<string, unknown>;
  country: string | null;
  deviceType: string | null;
  isBot: boolean;
  ipHash: string | null;
  occurredAt: number;
  receivedAt: number;
  subscriptionId: string | null;
  renewal: number | null;
  /** The click-id steps of the chain; coupon and identity are looked up in Postgres. */
  candidates: Pick<IdentityCandidates, "cookieClickId" | "localStorageClickId" | "urlClickId" | "s2sClickId">;
}

/** The orders among a tracking call's events. */
export function draftsFromBrowser(m: BrowserEventMessage): ConversionDraft[] {
  return m.events.flatMap((e) => {
    const draft = draftFromBrowserEvent(m, e);
    return draft ? [draft] : [];
  });
}

function draftFromBrowserEvent(m: BrowserEventMessage, e: BrowserEvent): ConversionDraft | null {
  if (e.type !== "conversion" || !e.conversion) return null;
  const candidates = {
    cookieClickId: m.cookieClickId,
    localStorageClickId: e.clickIdSource === "local_storage" ? e.clickId : null,
    urlClickId: e.clickIdSource !== "local_storage" ? e.clickId : null,
  };
  const first = candidates.cookieClickId ? "cookie" : e.clickId ? (e.clickIdSource ?? "url") : null;
  return {
    tenantId: m.tenantId,
    orderId: e.conversion.orderId,
    eventId: e.id,
    source: "browser",
    status: "placed",
    amount: e.conversion.amount,
    currency: e.conversion.currency,
    items: e.conversion.items ?? [],
    coupon: e.conversion.coupon ?? null,
    clickId: candidates.cookieClickId ?? e.clickId ?? null,
    clickIdSource: first,
    visitorId: m.visitorId,
    emailHash: e.identity?.emailHash ?? null,
    customerIdHash: e.identity?.customerIdHash ?? null,
    metadata: e.props ?? {},
    country: m.context.country,
    deviceType: m.context.deviceType,
    isBot: m.context.isBot,
    ipHash: m.context.ipHash,
    occurredAt: timestampOfId(e.id) ?? m.context.receivedAt,
    receivedAt: m.context.receivedAt,
    subscriptionId: null,
    renewal: null,
    candidates,
  };
}

export function draftFromServer(m: ConversionMessage): ConversionDraft {
  const i = m.input;
  return {
    tenantId: m.tenantId,
    orderId: i.orderId,
    eventId: i.eventId ?? i.orderId,
    source: "s2s",
    status: i.status,
    amount: i.amount,
    currency: i.currency,
    // Not defaulted: "no items sent" and "no items" are told apart (the input schema has no default either).
    items: i.items ?? null,
    coupon: i.coupon ?? null,
    clickId: i.clickId ?? null,
    clickIdSource: i.clickId ? "s2s" : null,
    visitorId: i.visitorId ?? null,
    emailHash: i.emailHash ?? null,
    customerIdHash: i.customerIdHash ?? null,
    metadata: i.metadata ?? {},
    country: null,
    deviceType: null,
    isBot: false,
    ipHash: null,
    occurredAt: i.occurredAt ? Date.parse(i.occurredAt) : m.receivedAt,
    receivedAt: m.receivedAt,
    subscriptionId: i.subscription?.id ?? null,
    renewal: i.subscription?.renewal ?? null,
    candidates: { s2sClickId: i.clickId ?? null },
  };
}

const STATUS_ORDER = ["placed", "paid", "fulfilled", "cancelled"];

/** Where a status stands in an order's life (-1: one the pipeline does not know); the server only moves it forward. */
export const statusRank = (status: string): number => STATUS_ORDER.indexOf(status);

/**
 * The server's move forward to one of these brings the report's figures: the later status is the later
 * report, so a late redelivery cannot bring back old figures. A cancellation is not a correction.
 */
export const FIGURES_FOLLOW_STATUS: readonly string[] = ["paid", "fulfilled"];

/** The server's report moves an order from `from` forward to a status whose figures count. */
export const figuresFollow = (from: string, to: string): boolean => statusRank(to) > statusRank(from) && FIGURES_FOLLOW_STATUS.includes(to);

/**
 * Reports of the same order (tenant, order id) in one batch, merged: the first report's identifiers,
 * filled in by later ones where it had none, the furthest status the merchant's server reported, and the
 * server's amount, currency and items over the script's (and those of its move to paid or fulfilled).
 */
export function mergeDrafts(drafts: ConversionDraft[]): ConversionDraft[] {
  const byOrder = new Map<string, ConversionDraft>();
  for (const d of drafts) {
    const key = `${d.tenantId}|${d.orderId}`;
    const seen = byOrder.get(key);
    if (!seen) {
      byOrder.set(key, d);
      continue;
    }
    const status = d.source === "s2s" && statusRank(d.status) > statusRank(seen.status) ? d.status : seen.status;
    // The merchant's server says what was sold; the script's figures come from the shopper's browser. A later
    // status (paid, fulfilled) is a later report of the server, whose figures count.
    const figures = d.source === "s2s" && (seen.source === "browser" || figuresFollow(seen.status, d.status)) ? d : seen;
    const other = figures === d ? seen : d;
    byOrder.set(key, {
      ...seen,
      amount: figures.amount,
      currency: figures.currency,
      // Items a server's report leaves out are those of its other report; a script's are not kept, as the
      // server's report replaces the script's figures whole.
      items: figures.items ?? (other.source === "s2s" ? other.items : null),
      status,
      source: seen.source === "s2s" || d.source === "s2s" ? "s2s" : "browser",
      coupon: seen.coupon ?? d.coupon,
      visitorId: seen.visitorId ?? d.visitorId,
      emailHash: seen.emailHash ?? d.emailHash,
      customerIdHash: seen.customerIdHash ?? d.customerIdHash,
      candidates: { ...d.candidates, ...Object.fromEntries(Object.entries(seen.candidates).filter(([, v]) => v)) },
    });
  }
  return [...byOrder.values()];
}
