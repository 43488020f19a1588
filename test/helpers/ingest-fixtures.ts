/**
 * Fixtures for the ingest Worker's tests: valid bodies to start from (and mutate), site settings, RFC 9457
 * problem checks that fit the ingest (it has no request ids), the redirect click that starts a journey, and
 * the control request that proves the queue has drained before a test asserts that something is absent.
 */
import { createHash } from "node:crypto";
import { expect } from "vitest";
import { newId } from "../../core/ids";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { seedTestProgram, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./stack";
import { BROWSER_UA, eventId, INGEST_ORIGIN, orderId, postEvents, serverPost } from "./tracking";

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------
// Valid bodies
// ---------------------------------------------------------------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are mutated freely by the tests
export type Json = any;

export const pageview = (o: Json = {}): Json => ({ id: eventId(), type: "pageview", url: `${INGEST_ORIGIN}/produtos`, ...o });

export const conversionEvent = (o: Json = {}, conversion: Json = {}): Json => ({
  id: eventId(),
  type: "conversion",
  url: `${INGEST_ORIGIN}/obrigado`,
  conversion: { orderId: orderId(), amount: 25_000, currency: "BRL", ...conversion },
  ...o,
});

export const identifyEvent = (email: string, o: Json = {}): Json => ({
  id: eventId(),
  type: "identify",
  url: `${INGEST_ORIGIN}/conta`,
  identity: { emailHash: sha256(email.trim().toLowerCase()) },
  ...o,
});

export const eventBatch = (site: string, events: Json[], consent?: "granted" | "denied" | "unknown"): Json => ({
  site,
  ...(consent ? { consent } : {}),
  events,
});

/** A rich but valid batch: every optional field of an event is present somewhere. */
export function richEventBatch(site: string): Json {
  return {
    site,
    consent: "granted",
    events: [
      pageview({ name: "home", referrer: "https://busca.example/?q=tenis", clickId: newId("click"), clickIdSource: "url", props: { plano: "pro", valor: 3, novo: true } }),
      identifyEvent("cliente@example.com"),
      conversionEvent({ props: { canal: "site" } }, { items: [{ sku: "SKU-1", name: "Tênis", category: "calçados", quantity: 2, unitAmount: 12_500 }], coupon: "BEMVINDO" }),
    ],
  };
}

export const s2sConversion = (o: Json = {}): Json => ({ orderId: orderId(), amount: 19_990, currency: "BRL", ...o });

/** A rich but valid S2S conversion: every optional field is present. */
export function richConversion(o: Json = {}): Json {
  return s2sConversion({
    eventId: `evt-${newId("event").slice(-12)}`,
    clickId: newId("click"),
    visitorId: newId("visitor"),
    items: [{ sku: "SKU-1", name: "Tênis", category: "calçados", quantity: 1, unitAmount: 19_990 }],
    coupon: "BEMVINDO",
    customer: { email: "cliente@example.com", customerId: "c-42" },
    status: "paid",
    occurredAt: new Date().toISOString(),
    metadata: { canal: "loja", parcelas: 3, primeiraCompra: true },
    ...o,
  });
}

export const refund = (order: string, o: Json = {}): Json => ({ orderId: order, amount: 5_000, currency: "BRL", refundId: `r-${newId("refund").slice(-10)}`, ...o });

// ---------------------------------------------------------------------------------------------------------
// Site settings
// ---------------------------------------------------------------------------------------------------------

export interface SiteSettings {
  consentMode?: "not_required" | "required";
  allowedOrigins?: string[];
  cookieDomain?: string | null;
  clickCookieDays?: number;
}

/** Must run before the tenant's first tracking call: the ingest caches site records (memory 15 s, KV 1 h). */
export async function configureSite(stack: TestStack, tenantId: string, s: SiteSettings): Promise<void> {
  await stack.db.query(
    `UPDATE tenants SET consent_mode = coalesce($2, consent_mode), allowed_origins = coalesce($3::text[], allowed_origins),
       cookie_domain = CASE WHEN $4::boolean THEN $5 ELSE cookie_domain END, click_cookie_days = coalesce($6, click_cookie_days)
     WHERE id = $1`,
    [tenantId, s.consentMode ?? null, s.allowedOrigins ?? null, s.cookieDomain !== undefined, s.cookieDomain ?? null, s.clickCookieDays ?? null],
  );
}

/** A second affiliate of the same program (for coupons that belong to someone other than the link's owner). */
export async function addAffiliate(stack: TestStack, p: SeededProgram, name = "João Lima"): Promise<string> {
  const id = newId("affiliate");
  await stack.db.query("INSERT INTO affiliates (id, tenant_id, name, email) VALUES ($1, $2, $3, $4)", [id, p.tenantId, name, `${id.toLowerCase()}@example.com`]);
  await stack.db.query("INSERT INTO campaign_memberships (tenant_id, campaign_id, affiliate_id) VALUES ($1, $2, $3)", [p.tenantId, p.campaignId, id]);
  return id;
}

export async function addCoupon(stack: TestStack, p: SeededProgram, code: string, affiliateId = p.affiliateId): Promise<void> {
  await stack.db.query("INSERT INTO coupons (id, tenant_id, code, affiliate_id, campaign_id) VALUES ($1, $2, $3, $4, $5)", [
    newId("coupon"), p.tenantId, code, affiliateId, p.campaignId,
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------

/** The shopper follows the affiliate link; returns the click id and the visitor cookie the redirect set. */
export async function clickLink(stack: TestStack, p: SeededProgram, cookie?: string): Promise<{ clickId: string; visitorId: string }> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}`, {
    headers: { "user-agent": BROWSER_UA, ...(cookie ? { cookie } : {}) },
  });
  expect(res.status).toBe(302);
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  const cookies = (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
  const visitorId = /^indica_vid=([^;]+)/.exec(cookies.find((c) => c.startsWith("indica_vid=")) ?? "")?.[1];
  expect(clickId).toMatch(/^clk_/);
  expect(visitorId).toMatch(/^vis_/);
  return { clickId, visitorId: visitorId! };
}

export const waitForClick = (stack: TestStack, clickId: string) =>
  waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 20_000, `click ${clickId}`);

/**
 * A request through Miniflare's edge entry, routed by URL like production. Requests with an `Origin` header
 * must go this way: `stack.fetch` goes through Miniflare's proxy, which refuses any Origin outside
 * localhost with its own 403 ("Invalid Origin header") before the Worker sees it.
 */
export async function edgeFetch(stack: TestStack, url: string, init: RequestInit = {}): Promise<Response> {
  return (await stack.mf.dispatchFetch(url, { redirect: "manual", ...init } as never)) as unknown as Response;
}

/** POST /_indica/e through the edge entry (see edgeFetch), as the tracking script on a page would. */
export function postEventsFrom(stack: TestStack, origin: string | null, body: unknown, headers: Record<string, string> = {}) {
  return edgeFetch(stack, `${INGEST_ORIGIN}/_indica/e`, {
    method: "POST",
    headers: { "content-type": "text/plain", "user-agent": BROWSER_UA, "cf-connecting-ip": "198.51.100.23", ...(origin ? { origin } : {}), ...headers },
    body: JSON.stringify(body),
  });
}

/** POST /_indica/click through the edge entry. */
export function postClickFrom(stack: TestStack, origin: string | null, body: unknown) {
  return edgeFetch(stack, `${INGEST_ORIGIN}/_indica/click`, {
    method: "POST",
    headers: { "content-type": "text/plain", ...(origin ? { origin } : {}) },
    body: JSON.stringify(body),
  });
}

/** Retries a request only when the connection itself failed (workerd may reset one that sent an oversized body). */
export async function sendRetryingTransport(send: () => Promise<Response>, attempts = 3): Promise<Response> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await send();
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`${attempts} transport failures in a row: ${String(lastError)}`);
}

/** Pads a JSON text with trailing whitespace (still the same JSON) to exactly `bytes` bytes. */
export function padTo(json: string, bytes: number): string {
  const size = Buffer.byteLength(json);
  if (size > bytes) throw new Error(`body is already ${size} bytes`);
  return json + " ".repeat(bytes - size);
}

// ---------------------------------------------------------------------------------------------------------
// Problems
// ---------------------------------------------------------------------------------------------------------

export interface IngestProblem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { pointer: string; detail: string }[];
}

/** Asserts an RFC 9457 problem (status, code, type, title; well-formed pointers) and returns its body. */
export async function expectIngestProblem(res: Response, status: number, code: string): Promise<IngestProblem> {
  const text = await res.text();
  expect(res.status, `body: ${text}`).toBe(status);
  expect(res.headers.get("content-type"), `body: ${text}`).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as IngestProblem;
  expect(body).toMatchObject({ status, code, type: expect.stringMatching(/^https:\/\/\S+/), title: expect.any(String) });
  if (body.errors !== undefined) {
    expect(Array.isArray(body.errors)).toBe(true);
    for (const e of body.errors) {
      expect(e.pointer).toMatch(/^\/body(\/[^/]*)*$/);
      expect(typeof e.detail).toBe("string");
    }
  }
  return body;
}

/** A 400 validation problem that points at (at least) each of the given fields. */
export async function expectIngestFieldErrors(res: Response, pointers: string[]): Promise<IngestProblem> {
  const body = await expectIngestProblem(res, 400, "validation_failed");
  const got = (body.errors ?? []).map((e) => e.pointer);
  expect(got.length, "a validation problem lists its errors").toBeGreaterThan(0);
  for (const p of pointers) expect(got, JSON.stringify(body.errors)).toContain(p);
  return body;
}

// ---------------------------------------------------------------------------------------------------------
// What was stored
// ---------------------------------------------------------------------------------------------------------

export interface Stored {
  events: string[];
  conversions: string[];
  refunds: string[];
  identities: number;
  failed: number;
}

export async function storedFor(stack: TestStack, tenantId: string): Promise<Stored> {
  const [e, c, r, i, f] = await Promise.all([
    stack.db.query<{ id: string }>("SELECT id FROM events WHERE tenant_id = $1 ORDER BY id", [tenantId]),
    stack.db.query<{ order_id: string }>("SELECT order_id FROM conversions WHERE tenant_id = $1 ORDER BY order_id", [tenantId]),
    stack.db.query<{ refund_key: string }>("SELECT refund_key FROM refunds WHERE tenant_id = $1 ORDER BY refund_key", [tenantId]),
    stack.db.query<{ n: number }>("SELECT count(*)::int AS n FROM identities WHERE tenant_id = $1", [tenantId]),
    stack.db.query<{ n: number }>("SELECT count(*)::int AS n FROM failed_events WHERE tenant_id = $1", [tenantId]),
  ]);
  return {
    events: e.rows.map((x) => x.id),
    conversions: c.rows.map((x) => x.order_id),
    refunds: r.rows.map((x) => x.refund_key),
    identities: i.rows[0].n,
    failed: f.rows[0].n,
  };
}

export const nothingStored: Stored = { events: [], conversions: [], refunds: [], identities: 0, failed: 0 };

export async function eventRow(stack: TestStack, id: string) {
  return (await stack.db.query("SELECT * FROM events WHERE id = $1", [id])).rows[0] ?? null;
}

export const waitForEvent = (stack: TestStack, id: string) => waitFor(() => eventRow(stack, id), 20_000, `event ${id}`);

/**
 * Proves that the queue has drained what was sent before: a control browser event and a control S2S
 * conversion on a fresh program are sent now and waited for, then stragglers get a grace period.
 */
export async function drainQueue(stack: TestStack, graceMs = 1_500): Promise<void> {
  const control = await seedTestProgram(stack);
  const event = pageview();
  const order = orderId();
  expect((await postEvents(stack, eventBatch(control.tenantId, [event]))).status).toBe(202);
  expect((await serverPost(stack, "/v1/conversions", control.apiKey, s2sConversion({ orderId: order }))).status).toBe(202);
  await waitFor(async () => {
    const s = await storedFor(stack, control.tenantId);
    return s.events.includes(event.id) && s.conversions.includes(order);
  }, 20_000, "the control event and conversion");
  await sleep(graceMs);
}
