/**
 * An order attributed long after it happened (sent late, or re-attributed while pending) is credited from
 * the touches of its own window, not of a window ending now; and an order's matched click is found by its
 * time (the clicks partition key) through `conversions.matched_click_at`, which the database reads from the id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, timestampOfId } from "../core/ids";
import { orderId, serverPost } from "./helpers/tracking";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const DAY = 86_400_000;

/** A click stored as the consumer would store it, `daysAgo` days back (its id carries that time). */
async function storedClick(p: { tenantId: string; campaignId: string; linkId: string }, affiliateId: string, visitorId: string, daysAgo: number) {
  const id = newId("click", Date.now() - daysAgo * DAY);
  await stack.db.query(
    "INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [id, new Date(timestampOfId(id)!), p.tenantId, p.linkId, p.campaignId, affiliateId, visitorId],
  );
  return id;
}

describe("attribution of an order that happened weeks ago", () => {
  it("credits the touches inside the order's window, even those older than the window counted from now", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query(`UPDATE campaigns SET attribution_model = '{"kind":"linear"}', attribution_window_days = 30 WHERE id = $1`, [p.campaignId]);
    const other = newId("affiliate");
    await stack.db.query("INSERT INTO affiliates (id, tenant_id, name, email) VALUES ($1, $2, 'Bruno', $3)", [other, p.tenantId, `bruno+${other}@example.com`]);
    const visitor = newId("visitor");
    // The order is 20 days old: its window runs from 50 to 20 days ago. 55 days ago is outside it.
    await storedClick(p, other, visitor, 55);
    await storedClick(p, other, visitor, 45);
    const matched = await storedClick(p, p.affiliateId, visitor, 40);
    const order = orderId();
    const sent = await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId: matched, status: "paid", occurredAt: new Date(Date.now() - 20 * DAY).toISOString() });
    expect(sent.status).toBe(202);
    const rows = await waitFor(async () => {
      const r = await stack.db.query("SELECT affiliate_id, share_bp, explanation FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]);
      return r.rows.length > 0 && r.rows;
    }, 20_000, "the commissions");
    expect(Object.fromEntries(rows.map((r) => [r.affiliate_id, r.share_bp]))).toEqual({ [p.affiliateId]: 5_000, [other]: 5_000 });
    expect(rows[0].explanation[0]).toMatch(/^linear over 2 touches in the last 30 days/);

    const { rows: [conversion] } = await stack.db.query("SELECT matched_click_id, matched_click_at FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order]);
    expect(conversion.matched_click_id).toBe(matched);
    expect(new Date(conversion.matched_click_at).getTime()).toBe(timestampOfId(matched));
  });
});

describe("indica_id_time", () => {
  it("reads the same millisecond from an id as core/ids does, and nothing from what is not an id", async () => {
    const ids = [0, 1, 999, Date.UTC(2020, 0, 1), Date.now(), Date.UTC(2099, 11, 31, 23, 59, 59, 999), 2 ** 40 + 7].flatMap((at) => [newId("click", at), newId("event", at)]);
    const { rows } = await stack.db.query("SELECT id, indica_id_time(id) AS at FROM unnest($1::text[]) id", [ids]);
    for (const r of rows) expect([r.id, new Date(r.at).getTime()]).toEqual([r.id, timestampOfId(r.id)]);
    const bad = ["clk_b000000000000000000001", "clk_01JB", "", "CLK_01M84JT2WFC99YNDTMD6EZZF40", "clk_01M84JT2WFC99YNDTMD6EZZF4U", "clk-01M84JT2WFC99YNDTMD6EZZF40"];
    const { rows: none } = await stack.db.query("SELECT indica_id_time(id) AS at FROM unnest($1::text[]) id", [bad]);
    expect(none.map((r) => r.at)).toEqual(bad.map(() => null));
    expect((await stack.db.query("SELECT indica_id_time(NULL) AS at")).rows[0].at).toBeNull();
  });
});
