/**
 * The identity fallback chain end to end: a shopper clicks an affiliate link on the redirect Worker, the
 * order arrives through the tracking script or the merchant's server, and the consumer records which step
 * of the chain (cookie, local_storage, url, s2s_click_id, coupon, identity) tied it to which click and
 * affiliate. Plus the order of precedence between steps, and idempotency by order id across channels.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import {
  addAffiliate,
  addCoupon,
  clickLink,
  conversionEvent,
  eventBatch,
  identifyEvent,
  s2sConversion,
  sha256,
  storedFor,
  waitForClick,
  waitForEvent,
} from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { conversionOf, orderId, postEvents, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  // Nothing in this file should ever need a retry. With retries pushed 30-60 s out, a batch the database
  // refused shows up as a timeout here instead of passing quietly on a later delivery.
  stack = await startTestStack({ bindings: { "indica-ingest": { RETRY_BASE_DELAY_SECONDS: "60", RETRY_MAX_DELAY_SECONDS: "60" } } });
});
afterAll(() => stack?.close());

const waitForConversion = (p: SeededProgram, order: string) => waitFor(() => conversionOf(stack, p.tenantId, order), 20_000, `conversion ${order}`);

/** The three columns the chain writes. */
const matchOf = (row: Record<string, unknown>) => ({
  identity_source: row.identity_source,
  matched_click_id: row.matched_click_id,
  matched_affiliate_id: row.matched_affiliate_id,
});

async function browserConversion(p: SeededProgram, event: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await postEvents(stack, eventBatch(p.tenantId, [event], "granted"), headers);
  expect(res.status, await res.clone().text()).toBe(202);
}

async function serverConversion(p: SeededProgram, body: Record<string, unknown>) {
  const res = await serverPost(stack, "/v1/conversions", p.apiKey, body);
  expect(res.status, await res.clone().text()).toBe(202);
}

describe("each step of the identity chain", () => {
  it("cookie: the click cookie the redirect set comes back with the script's conversion", async () => {
    const p = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    await browserConversion(p, conversionEvent({}, { orderId: order }), { cookie: `indica_click=${clickId}` });

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: "cookie", matched_click_id: clickId, matched_affiliate_id: p.affiliateId });
    expect(row).toMatchObject({ source: "browser", click_id: clickId, click_id_source: "cookie" });
  });

  it("local_storage: no cookie, the script sends the click id it kept in localStorage", async () => {
    const p = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    await browserConversion(p, conversionEvent({ clickId, clickIdSource: "local_storage" }, { orderId: order }));

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: "local_storage", matched_click_id: clickId, matched_affiliate_id: p.affiliateId });
    expect(row).toMatchObject({ click_id: clickId, click_id_source: "local_storage" });
  });

  it("url: no cookie, no storage, the click id is still on the landing URL", async () => {
    const p = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    await browserConversion(p, conversionEvent({ clickId, clickIdSource: "url" }, { orderId: order }));

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: "url", matched_click_id: clickId, matched_affiliate_id: p.affiliateId });
    expect(row).toMatchObject({ click_id: clickId, click_id_source: "url" });
  });

  it("s2s_click_id: the merchant's server passes the click id it kept with the order", async () => {
    const p = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    await serverConversion(p, s2sConversion({ orderId: order, clickId }));

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: "s2s_click_id", matched_click_id: clickId, matched_affiliate_id: p.affiliateId });
    expect(row).toMatchObject({ source: "s2s", click_id: clickId, click_id_source: "s2s" });
  });

  it("coupon: an order with only a coupon code goes to the coupon's affiliate, whatever the case typed", async () => {
    const p = await seedTestProgram(stack);
    const couponOwner = await addAffiliate(stack, p);
    await addCoupon(stack, p, "VERAO10", couponOwner);
    const order = orderId();
    await serverConversion(p, s2sConversion({ orderId: order, coupon: "verao10" }));

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: "coupon", matched_click_id: null, matched_affiliate_id: couponOwner });
    expect(row.coupon).toBe("verao10");
  });

  it("identity: a shopper who clicked on one device and identified there buys from another (S2S with the email only)", async () => {
    const p = await seedTestProgram(stack);
    const { clickId, visitorId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const click = (await stack.db.query("SELECT visitor_id FROM clicks WHERE id = $1", [clickId])).rows[0];
    expect(click.visitor_id).toBe(visitorId);

    // Same browser, later: the store's login page identifies the shopper (the script hashes the email).
    const identify = identifyEvent("maria.souza@example.com");
    expect(identify.identity.emailHash).toBe(sha256("maria.souza@example.com"));
    const res = await postEvents(stack, eventBatch(p.tenantId, [identify], "granted"), { cookie: `indica_vid=${visitorId}` });
    expect(res.status).toBe(202);
    await waitFor(async () => {
      const { rows } = await stack.db.query("SELECT visitor_id FROM identities WHERE tenant_id = $1 AND kind = 'email' AND value_hash = $2", [
        p.tenantId, sha256("maria.souza@example.com"),
      ]);
      return rows.length === 1 && rows[0].visitor_id === visitorId;
    }, 20_000, "the identity link");

    // Another device, no cookie, no click id: the store's server reports the order with the email as typed.
    const order = orderId();
    await serverConversion(p, s2sConversion({ orderId: order, customer: { email: "  Maria.Souza@EXAMPLE.com " } }));

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: "identity", matched_click_id: clickId, matched_affiliate_id: p.affiliateId });
    expect(row.email_hash).toBe(sha256("maria.souza@example.com"));
    expect(row.click_id).toBeNull();
  });
});

describe("precedence", () => {
  it("the click cookie wins over a coupon of another affiliate", async () => {
    const p = await seedTestProgram(stack);
    const couponOwner = await addAffiliate(stack, p);
    await addCoupon(stack, p, "AMIGO15", couponOwner);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    await browserConversion(p, conversionEvent({}, { orderId: order, coupon: "AMIGO15" }), { cookie: `indica_click=${clickId}` });

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: "cookie", matched_click_id: clickId, matched_affiliate_id: p.affiliateId });
    expect(row.coupon).toBe("AMIGO15");
  });

  it("the cookie wins over a different click id on the URL", async () => {
    const p = await seedTestProgram(stack);
    const first = await clickLink(stack, p);
    const second = await clickLink(stack, p);
    await waitForClick(stack, first.clickId);
    await waitForClick(stack, second.clickId);
    const order = orderId();
    await browserConversion(p, conversionEvent({ clickId: second.clickId, clickIdSource: "url" }, { orderId: order }), { cookie: `indica_click=${first.clickId}` });

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: "cookie", matched_click_id: first.clickId, matched_affiliate_id: p.affiliateId });
  });

  it("a coupon wins over an identity match", async () => {
    const p = await seedTestProgram(stack);
    const couponOwner = await addAffiliate(stack, p);
    await addCoupon(stack, p, "NATAL", couponOwner);
    const { clickId, visitorId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    // The visitor id alone would find the click through the identity step; the coupon comes first.
    await serverConversion(p, s2sConversion({ orderId: order, visitorId, coupon: "natal" }));

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: "coupon", matched_click_id: null, matched_affiliate_id: couponOwner });
  });

  it("an order with nothing to go on has no identity source", async () => {
    const p = await seedTestProgram(stack);
    await addCoupon(stack, p, "EXISTE");
    const order = orderId();
    await serverConversion(p, s2sConversion({ orderId: order, coupon: "NAO-EXISTE", customer: { email: "ninguem@example.com" } }));

    const row = await waitForConversion(p, order);
    expect(matchOf(row)).toEqual({ identity_source: null, matched_click_id: null, matched_affiliate_id: null });
  });
});

describe("idempotency by order id", () => {
  it("the same order from the browser and then the server is one row; paid moves the status, a browser report never rolls it back", async () => {
    const p = await seedTestProgram(stack);
    const { clickId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();

    const fromBrowser = conversionEvent({}, { orderId: order, amount: 25_000 });
    await browserConversion(p, fromBrowser, { cookie: `indica_click=${clickId}` });
    const first = await waitForConversion(p, order);
    expect(first).toMatchObject({ source: "browser", status: "placed", event_id: fromBrowser.id, identity_source: "cookie" });

    // The server reports the same order (placed): still one row, unchanged.
    await serverConversion(p, s2sConversion({ orderId: order, amount: 25_000 }));
    // ...then paid: the status moves.
    await serverConversion(p, s2sConversion({ orderId: order, amount: 25_000, status: "paid" }));
    await waitFor(async () => (await conversionOf(stack, p.tenantId, order))?.status === "paid", 20_000, "status paid");

    // A late browser report of the same order (the thank-you page reloaded) does not roll the status back.
    const reload = conversionEvent({}, { orderId: order, amount: 25_000 });
    await browserConversion(p, reload, { cookie: `indica_click=${clickId}` });
    await waitForEvent(stack, reload.id); // stored in the same transaction as the conversion upsert

    const { rows } = await stack.db.query("SELECT * FROM conversions WHERE tenant_id = $1", [p.tenantId]);
    expect(rows).toHaveLength(1);
    // The server's figures replaced the script's (source s2s); the row, its event and its match are the first ones.
    expect(rows[0]).toMatchObject({ id: first.id, order_id: order, status: "paid", source: "s2s", event_id: fromBrowser.id, identity_source: "cookie", matched_click_id: clickId });
    expect(Number(rows[0].amount)).toBe(25_000);
  });

  it("the same order reported by the browser and the server at the same moment is one row", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    const fromBrowser = conversionEvent({}, { orderId: order });
    // Back to back: both reports ride the same queue batch.
    await Promise.all([browserConversion(p, fromBrowser), serverConversion(p, s2sConversion({ orderId: order, amount: 25_000 }))]);

    await waitFor(async () => (await storedFor(stack, p.tenantId)).events.includes(fromBrowser.id), 20_000, "the browser event");
    const { rows } = await stack.db.query("SELECT order_id FROM conversions WHERE tenant_id = $1", [p.tenantId]);
    expect(rows).toEqual([{ order_id: order }]);
  });

  it("the same order twice in one server batch is one row with the later status", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    const other = orderId();
    const res = await serverPost(stack, "/v1/conversions/batch", p.apiKey, {
      conversions: [s2sConversion({ orderId: order }), s2sConversion({ orderId: other }), s2sConversion({ orderId: order, status: "paid" })],
    });
    expect(res.status).toBe(202);
    await waitFor(async () => (await storedFor(stack, p.tenantId)).conversions.length === 2, 20_000, "both orders, on the first delivery");
    expect((await storedFor(stack, p.tenantId)).conversions).toEqual([order, other].sort());
    expect((await conversionOf(stack, p.tenantId, order)).status).toBe("paid");
  });

  it("a batch in which two events carry the same identity is stored (the script identifies on every page)", async () => {
    const p = await seedTestProgram(stack);
    const { clickId, visitorId } = await clickLink(stack, p);
    await waitForClick(stack, clickId);
    const order = orderId();
    const events = [identifyEvent("ana@example.com"), conversionEvent({ identity: { emailHash: sha256("ana@example.com") } }, { orderId: order })];
    const res = await postEvents(stack, eventBatch(p.tenantId, events, "granted"), { cookie: `indica_vid=${visitorId}` });
    expect(res.status).toBe(202);

    await waitFor(async () => (await storedFor(stack, p.tenantId)).events.length === 2, 20_000, "both events, on the first delivery");
    const row = await waitForConversion(p, order);
    // No click id came with the order: the visitor's own click is found through the identity step.
    expect(matchOf(row)).toEqual({ identity_source: "identity", matched_click_id: clickId, matched_affiliate_id: p.affiliateId });
    expect((await storedFor(stack, p.tenantId)).identities).toBe(1);
  });
});
