/**
 * Who may send what to the ingest Worker. Server-to-server: an API key authenticates a tenant, its scopes
 * limit it, and the tenant always comes from the key, never from the body. Tracking: the site id must
 * exist, cross-origin calls must come from a registered origin, and without consent (or with Global
 * Privacy Control) nothing that identifies the shopper is kept. A raw email never reaches Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "../core/api-key";
import { newId } from "../core/ids";
import { createApiKey, setCookies } from "./helpers/api";
import {
  addCoupon,
  clickLink,
  configureSite,
  conversionEvent,
  drainQueue,
  edgeFetch,
  eventBatch,
  eventRow,
  expectIngestProblem,
  identifyEvent,
  nothingStored,
  pageview,
  postClickFrom,
  postEventsFrom,
  refund,
  s2sConversion,
  sha256,
  storedFor,
  waitForClick,
  waitForEvent,
  type Json,
} from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { conversionOf, INGEST_ORIGIN, orderId, postEvents, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** One valid body per S2S endpoint. */
const s2sCalls = (): [string, unknown][] => [
  ["/v1/conversions", s2sConversion()],
  ["/v1/conversions/batch", { conversions: [s2sConversion(), s2sConversion()] }],
  ["/v1/refunds", refund(orderId())],
];

const postClick = (body: unknown, origin: string | null = null) => postClickFrom(stack, origin, body);

describe("server-to-server authentication", () => {
  it.each([
    ["no Authorization header", () => null],
    ["an empty Bearer", () => "Bearer "],
    ["a garbage token", () => "Bearer not-a-key"],
    ["a well-formed key nobody issued", () => `Bearer ${generateApiKey()}`],
    ["a key in the wrong scheme", () => `Basic ${generateApiKey()}`],
    ["a key with trailing junk", () => `Bearer ${generateApiKey()} extra`],
    ["a very long token", () => `Bearer ik_${"A".repeat(10_000)}`],
  ])("%s is 401 on every endpoint", async (_, authorization) => {
    for (const [path, body] of s2sCalls()) {
      const auth = authorization();
      const res = await serverPost(stack, path, null, body, auth === null ? {} : { authorization: auth });
      const problem = await expectIngestProblem(res, 401, "unauthorized");
      expect(problem.detail).toEqual(expect.any(String));
    }
  });

  it("a revoked key, an expired key and a key without the conversions:write scope are refused, and nothing they sent is stored", async () => {
    const p = await seedTestProgram(stack);
    const revoked = await createApiKey(stack, p.tenantId, { revoked: true });
    const expired = await createApiKey(stack, p.tenantId, { expiresAt: new Date(Date.now() - 60_000).toISOString() });
    const readOnly = await createApiKey(stack, p.tenantId, { scopes: ["links:read"] });
    for (const [path, body] of s2sCalls()) {
      await expectIngestProblem(await serverPost(stack, path, revoked.key, body), 401, "unauthorized");
      await expectIngestProblem(await serverPost(stack, path, expired.key, body), 401, "unauthorized");
      const forbidden = await expectIngestProblem(await serverPost(stack, path, readOnly.key, body), 403, "forbidden");
      expect(forbidden.detail).toContain("conversions:write");
    }
    await drainQueue(stack);
    expect(await storedFor(stack, p.tenantId)).toEqual(nothingStored);
  });

  it("keys scoped to conversions:write, unscoped keys and keys expiring later are accepted", async () => {
    const p = await seedTestProgram(stack);
    const scoped = await createApiKey(stack, p.tenantId, { scopes: ["links:read", "conversions:write"] });
    const later = await createApiKey(stack, p.tenantId, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    for (const key of [scoped.key, later.key, p.apiKey]) {
      for (const [path, body] of s2sCalls()) {
        const res = await serverPost(stack, path, key, body);
        expect(res.status, `${path}: ${await res.clone().text()}`).toBe(202);
      }
    }
  });
});

describe("tenant isolation", () => {
  it("the tenant comes from the key: a body naming another tenant still lands in the key's tenant", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const one = orderId();
    const batched = [orderId(), orderId()];
    const refunded = `r-${newId("refund").slice(-8)}`;
    const foreign = { tenantId: b.tenantId, tenant_id: b.tenantId, site: b.tenantId };
    expect((await serverPost(stack, "/v1/conversions", a.apiKey, { ...s2sConversion({ orderId: one }), ...foreign })).status).toBe(202);
    expect((await serverPost(stack, "/v1/conversions/batch", a.apiKey, { ...foreign, conversions: batched.map((o) => ({ ...s2sConversion({ orderId: o }), ...foreign })) })).status).toBe(202);
    expect((await serverPost(stack, "/v1/refunds", a.apiKey, { ...refund(one, { refundId: refunded }), ...foreign })).status).toBe(202);

    await waitFor(async () => {
      const s = await storedFor(stack, a.tenantId);
      return s.conversions.length === 3 && s.refunds.length === 1;
    }, 20_000, "A's three orders and refund");
    expect((await storedFor(stack, a.tenantId)).conversions).toEqual([one, ...batched].sort());
    await drainQueue(stack);
    expect(await storedFor(stack, b.tenantId)).toEqual(nothingStored);
    const { rows } = await stack.db.query("SELECT tenant_id FROM conversions WHERE order_id = ANY($1)", [[one, ...batched]]);
    expect(rows.map((r) => r.tenant_id)).toEqual([a.tenantId, a.tenantId, a.tenantId]);
  });

  it("another tenant's click id does not attribute an order to that tenant's affiliate (S2S)", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, b);
    await waitForClick(stack, clickId);
    const order = orderId();
    expect((await serverPost(stack, "/v1/conversions", a.apiKey, s2sConversion({ orderId: order, clickId }))).status).toBe(202);

    const row = await waitFor(() => conversionOf(stack, a.tenantId, order), 20_000, "A's order");
    expect(row.matched_affiliate_id, "A's order credited to B's affiliate").not.toBe(b.affiliateId);
    expect(row.matched_affiliate_id).toBeNull();
  });

  it("another tenant's click cookie does not attribute a browser order to that tenant's affiliate", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, b);
    await waitForClick(stack, clickId);
    const order = orderId();
    const res = await postEvents(stack, eventBatch(a.tenantId, [conversionEvent({}, { orderId: order })], "granted"), { cookie: `indica_click=${clickId}` });
    expect(res.status).toBe(202);

    const row = await waitFor(() => conversionOf(stack, a.tenantId, order), 20_000, "A's order");
    expect(row.matched_affiliate_id, "A's order credited to B's affiliate").not.toBe(b.affiliateId);
    expect(row.matched_affiliate_id).toBeNull();
  });

  it("another tenant's coupon code and identities do not match", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    await addCoupon(stack, b, "SOMENTE-B");
    // B knows the shopper by email, with a click.
    const { clickId, visitorId } = await clickLink(stack, b);
    await waitForClick(stack, clickId);
    const identify = identifyEvent("compartilhado@example.com");
    expect((await postEvents(stack, eventBatch(b.tenantId, [identify], "granted"), { cookie: `indica_vid=${visitorId}` })).status).toBe(202);
    await waitForEvent(stack, identify.id);

    const order = orderId();
    const body = s2sConversion({ orderId: order, coupon: "somente-b", customer: { email: "compartilhado@example.com" }, visitorId });
    expect((await serverPost(stack, "/v1/conversions", a.apiKey, body)).status).toBe(202);
    const row = await waitFor(() => conversionOf(stack, a.tenantId, order), 20_000, "A's order");
    expect(row).toMatchObject({ identity_source: null, matched_click_id: null, matched_affiliate_id: null });
  });
});

describe("tracking endpoints: site and origin", () => {
  it("an unknown site id is 404 on both tracking endpoints", async () => {
    const site = newId("tenant");
    await expectIngestProblem(await postEvents(stack, eventBatch(site, [pageview()])), 404, "not_found");
    const res = await postClick({ site, clickId: newId("click") });
    await expectIngestProblem(res, 404, "not_found");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("a cross-origin call from an origin that is not registered is 403 and nothing is stored", async () => {
    const p = await seedTestProgram(stack);
    await configureSite(stack, p.tenantId, { allowedOrigins: ["https://loja.example"] });
    const sent: string[] = [];
    for (const origin of ["https://evil.example", "null", "https://loja.example.evil.example", "http://loja.example", "https://loja.example:8443", "https://sub.loja.example"]) {
      const event = pageview();
      sent.push(event.id);
      const res = await postEventsFrom(stack, origin, eventBatch(p.tenantId, [event], "granted"));
      await expectIngestProblem(res, 403, "forbidden");
      // Nobody else may read the answer: no CORS headers for an origin that is not allowed.
      expect(res.headers.get("access-control-allow-origin"), origin).toBeNull();
      expect(res.headers.get("set-cookie"), origin).toBeNull();
      const click = await postClick({ site: p.tenantId, clickId: newId("click") }, origin);
      await expectIngestProblem(click, 403, "forbidden");
      expect(click.headers.get("access-control-allow-origin"), origin).toBeNull();
      expect(click.headers.get("set-cookie"), origin).toBeNull();
    }
    await drainQueue(stack);
    expect(await storedFor(stack, p.tenantId)).toEqual(nothingStored);
  });

  it("a registered origin (registered in any case) gets 202 with CORS headers that echo it and allow credentials", async () => {
    const p = await seedTestProgram(stack);
    await configureSite(stack, p.tenantId, { allowedOrigins: ["https://Loja.Example", "https://www.loja.example"] });
    for (const origin of ["https://loja.example", "https://www.loja.example"]) {
      const event = pageview();
      const res = await postEventsFrom(stack, origin, eventBatch(p.tenantId, [event]));
      expect(res.status, await res.clone().text()).toBe(202);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      expect(res.headers.get("vary")).toMatch(/origin/i);
      await waitForEvent(stack, event.id);

      const clickId = newId("click");
      const click = await postClick({ site: p.tenantId, clickId }, origin);
      expect(click.status).toBe(204);
      expect(click.headers.get("access-control-allow-origin")).toBe(origin);
      expect(click.headers.get("access-control-allow-credentials")).toBe("true");
      expect(click.headers.get("set-cookie")).toMatch(new RegExp(`^indica_click=${clickId};`));
    }
  });

  it("a same-origin call (Origin equal to the request's origin) needs no registration", async () => {
    const p = await seedTestProgram(stack);
    const event = pageview();
    const res = await postEventsFrom(stack, INGEST_ORIGIN, eventBatch(p.tenantId, [event]));
    expect(res.status, await res.clone().text()).toBe(202);
    await waitForEvent(stack, event.id);
    expect((await postClick({ site: p.tenantId, clickId: newId("click") }, INGEST_ORIGIN)).status).toBe(204);
  });

  it("the CORS preflight is 204 with the allowed method and header", async () => {
    for (const path of ["/_indica/e", "/_indica/click"]) {
      const res = await edgeFetch(stack, `${INGEST_ORIGIN}${path}`, {
        method: "OPTIONS",
        headers: { origin: "https://loja.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("https://loja.example");
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      expect(res.headers.get("access-control-allow-methods")).toContain("POST");
      expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    }
  });
});

describe("consent", () => {
  /** A real click, then a batch of every kind of identifying event, sent with both cookies. */
  async function consentScenario(consentMode: "required" | "not_required", consent: "granted" | "denied" | "unknown", headers: Record<string, string> = {}, withVisitorCookie = true) {
    const p = await seedTestProgram(stack);
    await configureSite(stack, p.tenantId, { consentMode });
    // The cookies come from a click made with consent; the batch then says what the script knows now.
    const { clickId, visitorId } = await clickLink(stack, p, consentMode === "required" ? "indica_consent=granted" : undefined);
    await waitForClick(stack, clickId);
    const events = {
      pageview: pageview({ clickId, clickIdSource: "url" }),
      identify: identifyEvent("consentida@example.com"),
      conversion: conversionEvent({ clickId, clickIdSource: "url", identity: { customerIdHash: sha256("c-77") } }),
      fromStorage: conversionEvent({ clickId, clickIdSource: "local_storage" }),
    };
    const cookie = withVisitorCookie ? `indica_vid=${visitorId}; indica_click=${clickId}` : `indica_click=${clickId}`;
    const res = await postEvents(stack, eventBatch(p.tenantId, Object.values(events), consent), { cookie, ...headers });
    expect(res.status, await res.clone().text()).toBe(202);
    const rows: Record<keyof typeof events, Json> = Object.fromEntries(await Promise.all(Object.entries(events).map(async ([k, e]) => [k, await waitForEvent(stack, e.id)])));
    const orders = {
      conversion: await waitFor(() => conversionOf(stack, p.tenantId, events.conversion.conversion.orderId), 20_000, "conversion"),
      fromStorage: await waitFor(() => conversionOf(stack, p.tenantId, events.fromStorage.conversion.orderId), 20_000, "conversion"),
    };
    return { p, res, clickId, visitorId, rows, orders };
  }

  const noIdentifiers = { visitor_id: null, ip_hash: null, email_hash: null, customer_id_hash: null };

  async function expectNothingIdentifying(s: Awaited<ReturnType<typeof consentScenario>>, consent: string) {
    expect(setCookies(s.res)).toEqual([]);
    for (const [kind, row] of Object.entries(s.rows)) expect(row, kind).toMatchObject({ ...noIdentifiers, consent });
    // Only an order keeps the click id of the page it was placed on; nothing from storage or cookies.
    expect(s.rows.pageview).toMatchObject({ click_id: null, click_id_source: null });
    expect(s.rows.identify).toMatchObject({ click_id: null, click_id_source: null });
    expect(s.rows.conversion).toMatchObject({ click_id: s.clickId, click_id_source: "url" });
    expect(s.rows.fromStorage).toMatchObject({ click_id: null, click_id_source: null });
    expect(s.orders.conversion).toMatchObject({ ...noIdentifiers, click_id: s.clickId, identity_source: "url", matched_click_id: s.clickId });
    expect(s.orders.fromStorage).toMatchObject({ ...noIdentifiers, click_id: null, identity_source: null, matched_click_id: null });
    expect((await storedFor(stack, s.p.tenantId)).identities).toBe(0);
  }

  it("consent required and not given: no visitor, IP hash, identity, cookie or stored click id", async () => {
    const s = await consentScenario("required", "unknown");
    await expectNothingIdentifying(s, "unknown");
  });

  it("consent denied on a site that does not require it: nothing identifying either", async () => {
    const s = await consentScenario("not_required", "denied");
    await expectNothingIdentifying(s, "denied");
  });

  it("Sec-GPC: 1 overrides a granted consent", async () => {
    const s = await consentScenario("not_required", "granted", { "sec-gpc": "1" });
    await expectNothingIdentifying(s, "denied");
  });

  it("consent required and granted: visitor, IP hash, identity and the cookie's click id are kept", async () => {
    const s = await consentScenario("required", "granted", {}, false);
    // A new visitor cookie, since the call came without one.
    const vid = /^indica_vid=(vis_[0-9A-Z]{26});/.exec(setCookies(s.res).find((c) => c.startsWith("indica_vid=")) ?? "")?.[1];
    expect(vid).toBeDefined();
    for (const [kind, row] of Object.entries(s.rows)) {
      expect(row, kind).toMatchObject({ visitor_id: vid, consent: "granted", click_id: s.clickId, click_id_source: "cookie" });
      expect(row.ip_hash, kind).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(s.rows.identify.email_hash).toBe(sha256("consentida@example.com"));
    expect(s.rows.conversion.customer_id_hash).toBe(sha256("c-77"));
    expect(s.orders.conversion).toMatchObject({ visitor_id: vid, customer_id_hash: sha256("c-77"), identity_source: "cookie", matched_click_id: s.clickId });
    expect(s.orders.conversion.ip_hash).toMatch(/^[0-9a-f]{32}$/);
    const { rows } = await stack.db.query("SELECT kind, value_hash, visitor_id FROM identities WHERE tenant_id = $1 ORDER BY kind", [s.p.tenantId]);
    expect(rows).toEqual([
      { kind: "customer", value_hash: sha256("c-77"), visitor_id: vid },
      { kind: "email", value_hash: sha256("consentida@example.com"), visitor_id: vid },
    ]);
  });

  it("with consent and a visitor cookie, the known visitor is kept and no new cookie is set", async () => {
    const s = await consentScenario("not_required", "unknown");
    expect(setCookies(s.res)).toEqual([]);
    for (const [kind, row] of Object.entries(s.rows)) expect(row, kind).toMatchObject({ visitor_id: s.visitorId, consent: "granted" });
  });
});

describe("personal data", () => {
  it("a raw email is never stored, from the server or from the page", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    const body = s2sConversion({ orderId: order, customer: { email: " Pessoa.Real@Example.com ", customerId: "cliente-123" } });
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, body)).status).toBe(202);
    const event = pageview({ url: `${INGEST_ORIGIN}/obrigado?email=pessoa.real%40example.com&utm_source=news`, referrer: "https://webmail.example/?to=pessoa.real@example.com" });
    expect((await postEvents(stack, eventBatch(p.tenantId, [event], "granted"))).status).toBe(202);

    const row = await waitFor(() => conversionOf(stack, p.tenantId, order), 20_000, "the order");
    const stored = await waitForEvent(stack, event.id);
    expect(row.email_hash).toBe(sha256("pessoa.real@example.com"));
    expect(row.customer_id_hash).toBe(sha256("cliente-123"));
    for (const json of [JSON.stringify(row), JSON.stringify(stored)]) {
      expect(json).not.toMatch(/pessoa\.real/i);
      expect(json).not.toMatch(/pessoa\.real%40/i);
      expect(json).not.toContain("cliente-123");
    }
    expect(stored.url).toBe(`${INGEST_ORIGIN}/obrigado?utm_source=news`);
    expect(stored.referrer_host).toBe("webmail.example");
    const { rows } = await stack.db.query("SELECT payload::text AS p FROM failed_events WHERE tenant_id = $1", [p.tenantId]);
    expect(rows).toEqual([]);
  });
});
