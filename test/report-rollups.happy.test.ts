/**
 * The rollups are exact: after clicks, repeat and out-of-order clicks, orders (matched, unmatched, in
 * another currency, arriving before their click), a cancellation, refunds (partial, a second one, a
 * redelivered one, one of a cancelled order, one stored before its order, one in another currency) and a
 * rejected commission, report_hourly and report_daily equal a recomputation from the raw tables with plain
 * GROUP BYs; refunds follow their order when it is re-keyed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { rollupFromRawSql, storedRollupSql, type Grain } from "../db/queries/report-recompute";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi } from "./helpers/api";
import { addAffiliate, clickOn, placeOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { drainQueue } from "./helpers/ingest-fixtures";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
let p: SeededProgram;

const compare = async (grain: Grain) => {
  const stored = (await stack.db.query(storedRollupSql(grain), [p.tenantId])).rows;
  const raw = (await stack.db.query(rollupFromRawSql(grain), [p.tenantId])).rows;
  expect(stored).toEqual(raw);
  return stored;
};

/** A click written straight to the table at a chosen time (the consumer's insert is tested elsewhere). */
const insertClick = (at: Date, visitorId: string, o: { userAgent?: string; country?: string } = {}) => {
  const id = newId("click", at.getTime());
  return stack.db
    .query(
      `INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id, sub_ids, country, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '{"sub1":"mail"}', $8, $9)`,
      [id, at, p.tenantId, p.linkId, p.campaignId, p.affiliateId, visitorId, o.country ?? "BR", o.userAgent ?? "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148"],
    )
    .then(() => id);
};

beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack);
  await stack.db.query("UPDATE tenants SET timezone = 'America/Sao_Paulo' WHERE id = $1", [p.tenantId]);
});
afterAll(() => stack?.close());

describe("report rollups", () => {
  it("equal the raw tables after clicks, orders, a cancellation, refunds and a rejection", async () => {
    const bruno = await addAffiliate(stack, p, { subIds: { sub1: "instagram" } });
    const v = newId("visitor");
    const c1 = await clickOn(stack, p.code, { visitorId: v });
    await clickOn(stack, p.code, { visitorId: v });
    const c3 = await clickOn(stack, bruno.code, { query: "?gclid=x" });
    await placeOrder(stack, p, { amount: 10_000, clickId: c1.clickId });
    await placeOrder(stack, p, { amount: 3_000, currency: "USD", clickId: c3.clickId });
    await placeOrder(stack, p, { amount: 5_000 });
    const cancelled = await placeOrder(stack, p, { amount: 7_000, clickId: c1.clickId });
    expect((await callApi(stack, "POST", `/v1/conversions/${cancelled.id}/status`, { key: p.apiKey, body: { status: "cancelled" } })).status).toBe(200);
    const refunded = await placeOrder(stack, p, { amount: 8_000, clickId: c3.clickId });
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: refunded.orderId, amount: 2_000, currency: "BRL", refundId: "r-1" })).status).toBe(202);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1 AND order_id = $2 AND reversed_amount > 0", [p.tenantId, refunded.orderId])).rowCount === 1, 20_000, "the reversal");
    // A second partial refund, the first one redelivered, a refund of the cancelled order, and one stored
    // before its order (the order, placed after, brings it along); one in another currency counts nowhere.
    const refundNow = (body: Record<string, unknown>) => serverPost(stack, "/v1/refunds", p.apiKey, { currency: "BRL", ...body }).then((r) => expect(r.status).toBe(202));
    const early = orderId();
    await refundNow({ orderId: refunded.orderId, amount: 1_500, refundId: "r-2" });
    await refundNow({ orderId: refunded.orderId, amount: 2_000, refundId: "r-1" });
    await refundNow({ orderId: cancelled.orderId, amount: 7_000, refundId: "r-3" });
    await refundNow({ orderId: early, amount: 900, refundId: "r-4" });
    await refundNow({ orderId: early, amount: 400, currency: "USD", refundId: "r-5" });
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM refunds WHERE tenant_id = $1", [p.tenantId])).rowCount === 5, 20_000, "the refunds");
    await placeOrder(stack, p, { orderId: early, amount: 6_000, clickId: c1.clickId });
    await drainQueue(stack);
    const { rows } = await stack.db.query("SELECT id FROM commissions WHERE tenant_id = $1 AND affiliate_id = $2 LIMIT 1", [p.tenantId, bruno.affiliateId]);
    await callApi(stack, "POST", "/v1/commissions/decisions", { key: p.apiKey, body: { action: "reject", ids: [rows[0].id], reason: "test" } });

    const daily = await compare("day");
    expect(daily.reduce((n, r) => n + Number(r.clicks), 0)).toBe(3);
    expect(daily.reduce((n, r) => n + Number(r.visitors), 0)).toBe(2);
    expect(daily.reduce((n, r) => n + Number(r.refunded), 0)).toBe(2_000 + 1_500 + 900);
    await compare("hour");
  });

  it("move a visitor's count to an earlier click that arrives late, and stay exact across hours of a day", async () => {
    const v = newId("visitor");
    const noon = new Date(Date.UTC(2026, 0, 15, 15, 30)); // 12:30 in São Paulo
    await insertClick(noon, v);
    await insertClick(new Date(noon.getTime() - 3 * 3_600_000), v); // 09:30, stored after
    await insertClick(new Date(noon.getTime() + 3_600_000), v, { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0" }); // another device: another key
    const hourly = (await compare("hour")).filter((r) => new Date(r.hour).getUTCDate() === 15 && Number(r.visitors) > 0);
    expect(hourly.map((r) => [new Date(r.hour).getUTCHours(), r.device, Number(r.visitors)])).toEqual([[12, "mobile", 1], [16, "desktop", 1]]);
    await compare("day");
  });

  it("re-key an order that was stored before its click", async () => {
    const at = new Date(Date.UTC(2026, 0, 20, 12));
    const clickId = newId("click", at.getTime());
    await stack.db.query(
      `INSERT INTO conversions (id, tenant_id, order_id, event_id, source, status, amount, currency, matched_click_id, matched_affiliate_id, identity_source, occurred_at, received_at)
       VALUES ($1, $2, 'early-1', $3, 's2s', 'placed', 4200, 'BRL', $4, $5, 'click_id', $6, now())`,
      [newId("conversion"), p.tenantId, newId("event"), clickId, p.affiliateId, new Date(at.getTime() + 60_000)],
    );
    await compare("day");
    // Refunded before its click arrived: the refund moves with the order to the click's keys.
    await stack.db.query(
      `INSERT INTO refunds (id, tenant_id, order_id, refund_key, amount, currency, occurred_at, received_at) VALUES ($1, $2, 'early-1', 'early-r', 1200, 'BRL', now(), now())`,
      [newId("refund"), p.tenantId],
    );
    await compare("day");
    await stack.db.query(
      `INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id, sub_ids, country)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '{"sub1":"late"}', 'PT')`,
      [clickId, at, p.tenantId, p.linkId, p.campaignId, p.affiliateId, newId("visitor")],
    );
    const daily = await compare("day");
    expect(daily.find((r) => r.currency === "BRL" && r.sub1 === "late")).toMatchObject({ country: "PT", conversions: "1", revenue: "4200", refunded: "1200" });
    await compare("hour");
    // Re-attributed to another affiliate (as the late-attribution and re-attribution paths update it): so is its refund.
    const other = await addAffiliate(stack, p);
    await stack.db.query("UPDATE conversions SET matched_affiliate_id = $3 WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, "early-1", other.affiliateId]);
    expect((await compare("day")).find((r) => r.affiliate_id === other.affiliateId)).toMatchObject({ sub1: "late", revenue: "4200", refunded: "1200" });
    await compare("hour");
  });
});
