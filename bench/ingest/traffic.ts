/**
 * What the bench sends, and the rows the same traffic becomes in `events`: batches of browser events as
 * the tracking script posts them (mostly pageviews, some custom events with properties, each with a
 * fresh `evt_` id made like the script makes it) and, optionally, server-to-server conversion batches.
 */
import { hostOf, scrubPageUrl } from "../../core/enrich";
import { newId } from "../../core/ids";
import type { BrowserEvent } from "../../core/schemas/tracking";

export const BROWSER_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

const PAGES = ["/", "/produtos", "/produtos/camiseta-azul", "/produtos/tenis-corrida", "/carrinho", "/blog/como-escolher"];
const REFERRERS = [undefined, undefined, "https://www.google.com/", "https://instagram.com/", "https://blog-da-maria.example/post"];
const CUSTOM = ["add_to_cart", "view_item", "begin_checkout", "newsletter_signup"];

let seq = 0;

/** One browser event; one in four is a custom event with properties. */
export function browserEvent(): BrowserEvent {
  const n = seq++;
  const url = `https://loja.example${PAGES[n % PAGES.length]}?utm_source=indica&utm_medium=affiliate&fbclid=IwAR${n}`;
  const referrer = REFERRERS[n % REFERRERS.length];
  if (n % 4 === 3) {
    const props = { sku: `SKU-${n % 500}`, price: 4990 + (n % 7) * 1000, in_stock: true };
    return { id: newId("event"), type: "custom", name: CUSTOM[n % CUSTOM.length], url, referrer, props };
  }
  return { id: newId("event"), type: "pageview", url, referrer };
}

export function eventBatch(site: string, size: number): { site: string; consent: "granted"; events: BrowserEvent[] } {
  return { site, consent: "granted", events: Array.from({ length: size }, browserEvent) };
}

export function conversionBatch(size: number) {
  return {
    conversions: Array.from({ length: size }, () => ({
      orderId: `bench-${newId("event").slice(4)}`,
      amount: 19990,
      currency: "BRL",
      customer: { email: "Cliente@Example.com" },
      items: [{ sku: "SKU-1", quantity: 1, unitAmount: 19990 }],
    })),
  };
}

// ---- the same traffic as rows of `events`, for the COPY baseline --------------------------------------

/** The columns the queue consumer writes (workers/ingest/src/services/store-browser-events.ts). */
export const EVENT_COLUMNS = [
  "id", "occurred_at", "tenant_id", "type", "name", "url", "referrer_host", "visitor_id", "click_id", "click_id_source",
  "props", "email_hash", "customer_id_hash", "order_id", "consent", "country", "device_type", "browser", "os", "is_bot",
  "ip_hash", "received_at",
] as const;

/** COPY text format: tab separated, `\N` for null, backslash escapes. */
function field(v: string | boolean | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  return v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** One row as the consumer would store the event (consent granted, a desktop Chrome, a hashed IP). */
export function eventRow(tenantId: string, visitorId: string, e: BrowserEvent, now: Date): string {
  const at = now.toISOString();
  return [
    e.id, at, tenantId, e.type, e.name, scrubPageUrl(e.url), hostOf(e.referrer), visitorId, null, null,
    JSON.stringify(e.props ?? {}), null, null, null, "granted", null, "desktop", "Chrome", "Windows", false,
    "5f0c3e1a9b7d4c2e8f6a1b3c5d7e9f01", at,
  ].map(field).join("\t") + "\n";
}

/** `rows` event rows as COPY input, in chunks of about 64 KiB, made before any timing starts. */
export function copyChunks(tenantId: string, rows: number): Buffer[] {
  const chunks: Buffer[] = [];
  const visitor = newId("visitor");
  let text = "";
  for (let i = 0; i < rows; i++) {
    text += eventRow(tenantId, visitor, browserEvent(), new Date());
    if (text.length >= 64 * 1024) {
      chunks.push(Buffer.from(text));
      text = "";
    }
  }
  if (text) chunks.push(Buffer.from(text));
  return chunks;
}
