/**
 * An order Ana's link won over Bruno's coupon (link first). Ana, reading her commission and her order,
 * saw Bruno's coupon code and affiliate id in the explanation and the coupon on the order: another
 * partner's business. Now both are hidden from her, kept for the merchant, and Bruno's own coupon is still
 * his to see on orders it won.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { callApi, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { storedClick } from "./helpers/clicks";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const get = async (key: string, path: string) => jsonOf(await callApi(stack, "GET", path, { key }));
const later = () => new Date(Date.now() + 3_600_000).toISOString();

describe("what an affiliate reads of an order another affiliate touched", () => {
  it("hides the other affiliate's coupon and id from the explanation and the order", async () => {
    const p = await seedTestProgram(stack);
    const bruno = newId("affiliate");
    await stack.db.query("INSERT INTO affiliates (id, tenant_id, name, email) VALUES ($1, $2, 'Bruno', $3)", [bruno, p.tenantId, `bruno+${bruno}@example.com`]);
    const coupon = `BRUNO-${bruno.slice(-6)}`;
    await stack.db.query("INSERT INTO coupons (id, tenant_id, code, affiliate_id, campaign_id) VALUES ($1, $2, $3, $4, $5)", [newId("coupon"), p.tenantId, coupon, bruno, p.campaignId]);

    const clickId = await storedClick(stack, p.code, `indica_vid=${newId("visitor")}`);
    const won = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: won, amount: 10_000, currency: "BRL", clickId, coupon, occurredAt: later() });
    const couponOnly = orderId();
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: couponOnly, amount: 5_000, currency: "BRL", coupon: coupon.toLowerCase(), occurredAt: later() });
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1", [p.tenantId])).rowCount === 2, 20_000, "both commissions");

    const merchantView = await get(p.apiKey, `/v1/commissions?orderId=${won}`);
    expect(merchantView.items[0].explanation).toContain(`link first: the coupon ${coupon} of affiliate ${bruno} did not count, because clicks identify the shopper`);

    const ana = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId });
    const [commission] = (await get(ana, `/v1/commissions?orderId=${won}`)).items;
    expect(commission.explanation).toContain("link first: the coupon of another affiliate did not count, because clicks identify the shopper");
    expect(JSON.stringify(commission)).not.toContain(bruno);
    expect(JSON.stringify(commission)).not.toContain(coupon);
    expect(JSON.stringify(await get(ana, `/v1/commissions/${commission.id}`))).not.toContain(coupon);
    const anasOrders = (await get(ana, "/v1/conversions")).items;
    expect(anasOrders).toEqual([expect.objectContaining({ orderId: won, coupon: null, affiliateId: p.affiliateId })]);
    expect((await get(p.apiKey, `/v1/conversions?orderId=${won}`)).items[0].coupon).toBe(coupon);

    // Bruno sees his own coupon on the order it won (sent in another case: still his).
    const brunos = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: bruno });
    expect((await get(brunos, "/v1/conversions")).items).toEqual([expect.objectContaining({ orderId: couponOnly, coupon: coupon.toLowerCase() })]);
  });
});
