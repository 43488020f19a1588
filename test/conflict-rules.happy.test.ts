/**
 * A campaign's conflict rules decide, through the real pipeline (redirect, queue, ingest, Postgres), who
 * earns when a click and a coupon disagree, when an affiliate buys through its own link, when two clicks
 * come at one moment and when the shopper comes back through no affiliate; and each commission says why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { clickEvent } from "./helpers/events";
import { programApi } from "./helpers/programs";
import { storedClick } from "./helpers/clicks";
import { orderId, serverPost } from "./helpers/tracking";
import { ADMIN_TOKEN, seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const click = (code: string, cookie: string): Promise<string> => storedClick(stack, code, cookie);

/** A program with Ana (the seeded affiliate) and Bruno, who has a link and the coupon BRUNO-…; rules set through the API. */
async function program(conflictRules?: Record<string, string>) {
  const p = await seedTestProgram(stack);
  const bruno = newId("affiliate");
  const email = `bruno+${bruno}@example.com`;
  await stack.db.query("INSERT INTO affiliates (id, tenant_id, name, email) VALUES ($1, $2, 'Bruno', $3)", [bruno, p.tenantId, email]);
  const code = `b-${bruno.slice(-8).toLowerCase()}`;
  await stack.db.query("INSERT INTO links (id, tenant_id, campaign_id, affiliate_id, domain, code, destination_url) VALUES ($1, $2, $3, $4, $5, $6, 'https://loja.example/')", [newId("link"), p.tenantId, p.campaignId, bruno, TEST_LINK_DOMAIN, code]);
  const coupon = `BRUNO-${bruno.slice(-6)}`;
  await stack.db.query("INSERT INTO coupons (id, tenant_id, code, affiliate_id, campaign_id) VALUES ($1, $2, $3, $4, $5)", [newId("coupon"), p.tenantId, coupon, bruno, p.campaignId]);
  if (conflictRules) expect((await programApi(stack, p.apiKey).patch(`/v1/campaigns/${p.campaignId}`, { conflictRules })).status).toBe(200);
  return { ...p, bruno: { id: bruno, email, code, coupon }, cookie: `indica_vid=${newId("visitor")}` };
}

/** An hour after the clicks (a fast order is flagged as click injection). */
const later = () => new Date(Date.now() + 3_600_000).toISOString();

async function commissionsOf(tenantId: string, order: string, count = 1) {
  return waitFor(async () => {
    const { rows } = await stack.db.query("SELECT id, affiliate_id, status, amount, share_bp, held_for_review, rules_version, explanation FROM commissions WHERE tenant_id = $1 AND order_id = $2 ORDER BY affiliate_id", [tenantId, order]);
    return rows.length === count && rows;
  }, 20_000, `${count} commission(s) of ${order}`);
}

describe("link vs coupon", () => {
  it("link first pays the click's affiliate; after a change to coupon first, re-attribution pays the coupon's, under the next rule version", async () => {
    const p = await program();
    const clickId = await click(p.code, p.cookie);
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, coupon: p.bruno.coupon.toLowerCase(), occurredAt: later() });
    const [linkFirst] = await commissionsOf(p.tenantId, order);
    expect(linkFirst).toMatchObject({ affiliate_id: p.affiliateId, amount: "1000", share_bp: 10_000, rules_version: 1 });
    expect(linkFirst.explanation).toContain(`link first: the coupon ${p.bruno.coupon.toLowerCase()} of affiliate ${p.bruno.id} did not count, because clicks identify the shopper`);

    const patched = await programApi(stack, p.apiKey).patch(`/v1/campaigns/${p.campaignId}`, { conflictRules: { linkVsCoupon: "coupon_first" } });
    expect(((await patched.json()) as { commissionRules: { version: number } }).commissionRules.version).toBe(2);
    const res = await stack.fetch("indica-ingest", "https://ingest.test/admin/reattribute", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ tenantId: p.tenantId, campaignId: p.campaignId }),
    });
    expect(await res.json()).toEqual({ reattributed: 1, skipped: 0, cursor: null, more: false });
    // Ana's share is gone under the new rules: her commission keeps its id, rejected (announced as such), not deleted.
    const after = await commissionsOf(p.tenantId, order, 2);
    expect(after.find((r) => r.affiliate_id === p.affiliateId)).toMatchObject({ id: linkFirst.id, status: "rejected" });
    const couponFirst = after.find((r) => r.affiliate_id === p.bruno.id)!;
    expect(couponFirst).toMatchObject({ status: "pending", amount: "1000", share_bp: 10_000, rules_version: 2 });
    expect(couponFirst.explanation).toContain(`coupon first: the coupon ${p.bruno.coupon.toLowerCase()} of this affiliate outranks 1 click of others`);
  });

  it("both makes the coupon one more touch: linear shares the order between the click and the coupon", async () => {
    const p = await program({ linkVsCoupon: "both" });
    await stack.db.query(`UPDATE campaigns SET attribution_model = '{"kind":"linear"}' WHERE id = $1`, [p.campaignId]);
    const clickId = await click(p.code, p.cookie);
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, coupon: p.bruno.coupon, occurredAt: later() });
    const rows = await commissionsOf(p.tenantId, order, 2);
    expect(rows.map((r) => [r.affiliate_id, r.amount, r.share_bp]).sort()).toEqual([[p.affiliateId, "500", 5_000], [p.bruno.id, "500", 5_000]].sort());
  });
});

describe("an order before its click", () => {
  it("applies the campaign's rules when the click lands: coupon first pays the coupon's affiliate", async () => {
    const p = await program({ linkVsCoupon: "coupon_first" });
    const late = clickEvent(p, { ts: Date.now() - 3_600_000 });
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId: late.id, coupon: p.bruno.coupon });
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rowCount === 1, 20_000, "the order");
    // The click arrives through the queue after the order, the way a replayed parked click does.
    const failedId = newId("failedEvent");
    await stack.db.query(
      "INSERT INTO failed_events (id, tenant_id, source, event_type, event_id, payload, reason) VALUES ($1, $2, 'queue:indica-events-dlq', 'click', $3, $4, 'delayed in this test')",
      [failedId, p.tenantId, late.id, JSON.stringify(late)],
    );
    const res = await stack.fetch("indica-ingest", "https://ingest.test/admin/failed-events/replay", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ ids: [failedId] }),
    });
    expect(res.status).toBe(200);
    const [row] = await commissionsOf(p.tenantId, order);
    expect(row).toMatchObject({ affiliate_id: p.bruno.id, amount: "1000", rules_version: 2 });
    expect(row.explanation).toContain(`coupon first: the coupon ${p.bruno.coupon} of this affiliate outranks 1 click of others`);
  });
});

describe("self-referral", () => {
  /** Ana's click, then Bruno's own, and Bruno's order with his own email. */
  async function selfReferredOrder(p: Awaited<ReturnType<typeof program>>) {
    await click(p.code, p.cookie);
    const clickId = await click(p.bruno.code, p.cookie);
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 20_000, currency: "BRL", clickId, customer: { email: p.bruno.email }, occurredAt: later() });
    return order;
  }

  it("hold (the default) pays the last click, Bruno's, held for review and saying why", async () => {
    const p = await program();
    const [row] = await commissionsOf(p.tenantId, await selfReferredOrder(p));
    expect(row).toMatchObject({ affiliate_id: p.bruno.id, amount: "2000", held_for_review: true });
    expect(row.explanation).toContain("self-referral held: the order carries this affiliate's own email, so the commission waits for review");
  });

  it("exclude drops Bruno's touches, so Ana, who clicked before, earns it, not held", async () => {
    const p = await program({ selfReferral: "exclude" });
    const [row] = await commissionsOf(p.tenantId, await selfReferredOrder(p));
    expect(row).toMatchObject({ affiliate_id: p.affiliateId, amount: "2000", held_for_review: false });
    expect(row.explanation).toContain(`self-referral excluded: the order carries the own email of affiliate ${p.bruno.id}, whose 1 touch did not count`);
  });
});

describe("ties", () => {
  it("split shares a last click recorded at the same moment by two affiliates equally, the cent left to the first", async () => {
    const p = await program({ ties: "split" });
    const ana = await click(p.code, p.cookie);
    const bruno = await click(p.bruno.code, p.cookie);
    // The two clicks at one moment (the matched one keeps its time: the id says where to find it).
    await stack.db.query("UPDATE clicks SET clicked_at = (SELECT clicked_at FROM clicks WHERE id = $2) WHERE id = $1", [ana, bruno]);
    const order = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_010, currency: "BRL", clickId: bruno, occurredAt: later() });
    const rows = await commissionsOf(p.tenantId, order, 2);
    const byAffiliate = Object.fromEntries(rows.map((r) => [r.affiliate_id, r]));
    expect(byAffiliate[p.affiliateId]).toMatchObject({ amount: "501", share_bp: 5_000 });
    expect(byAffiliate[p.bruno.id]).toMatchObject({ amount: "500", share_bp: 5_000 });
    expect(rows[0].explanation).toContain("tie split: 2 affiliates touched at the same moment and share its credit equally");
  });
});

describe("direct and organic visits", () => {
  it("breaks credit: a visit through no affiliate after the click leaves the order without commission; without it, the click earns", async () => {
    const p = await program({ directOrganic: "breaks_credit" });
    const clickId = await click(p.code, p.cookie);
    const visitor = p.cookie.split("=")[1];
    const [{ clicked_at: clickedAt }] = (await stack.db.query("SELECT clicked_at FROM clicks WHERE id = $1", [clickId])).rows;
    const order = orderId();
    const occurredAt = new Date(clickedAt.getTime() + 3_600_000);
    // The shopper typed the shop's address 40 minutes after the click: no referrer.
    await stack.db.query(
      "INSERT INTO events (id, occurred_at, tenant_id, type, url, visitor_id, consent, received_at) VALUES ($1, $2, $3, 'pageview', 'https://loja.example/', $4, 'granted', $2)",
      [newId("event"), new Date(clickedAt.getTime() + 40 * 60_000), p.tenantId, visitor],
    );
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, occurredAt: occurredAt.toISOString() });
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rowCount === 1, 20_000, "the order");
    expect((await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rowCount).toBe(0);

    // A second shopper's landing page (right after the click) and an internal page do not break anything.
    const cookie = `indica_vid=${newId("visitor")}`;
    const second = await click(p.code, cookie);
    const [{ clicked_at: at2 }] = (await stack.db.query("SELECT clicked_at FROM clicks WHERE id = $1", [second])).rows;
    for (const [minutes, referrer] of [[1, null], [45, "loja.example"]] as const) {
      await stack.db.query(
        "INSERT INTO events (id, occurred_at, tenant_id, type, url, referrer_host, visitor_id, consent, received_at) VALUES ($1, $2, $3, 'pageview', 'https://loja.example/p', $4, $5, 'granted', $2)",
        [newId("event"), new Date(at2.getTime() + minutes * 60_000), p.tenantId, referrer, cookie.split("=")[1]],
      );
    }
    const kept = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: kept, amount: 10_000, currency: "BRL", clickId: second, occurredAt: new Date(at2.getTime() + 3_600_000).toISOString() });
    expect((await commissionsOf(p.tenantId, kept))[0]).toMatchObject({ affiliate_id: p.affiliateId, amount: "1000" });
  });
});
