/**
 * Re-attribution carries the fraud review's decision: an order (or its click) the merchant approved in review
 * keeps its new commissions released, a rejected one stays rejected, one still awaiting review stays held and
 * in the queue. Before, the approved order's new commission came back held, out of the queue, unapprovable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { callApi } from "./helpers/api";
import { BROWSER_HEADERS, orderId, serverPost } from "./helpers/tracking";
import { ADMIN_TOKEN, seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";
import type { SeededProgram } from "../scripts/lib/seed-program";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

type Row = { id: string; conversion_id: string; status: string; held_for_review: boolean; amount: string };

/** A click (flagged with `?gclid=brand`) and an order on it, self-referring when `email` is the affiliate's; resolves to its commission. */
async function orderOn(p: SeededProgram, query: string, email?: string): Promise<Row & { clickId: string }> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}${query}`, { headers: { ...BROWSER_HEADERS, cookie: `indica_vid=${newId("visitor")}` } });
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 20_000, "the click");
  const order = orderId();
  await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, ...(email ? { customer: { email } } : {}), occurredAt: new Date(Date.now() + 3_600_000).toISOString() });
  const row = await waitFor(async () => (await stack.db.query<Row>("SELECT * FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0], 20_000, "the commission");
  return { ...row, clickId };
}

const review = (p: SeededProgram, id: string, decision: "approve" | "reject") => callApi(stack, "POST", `/v1/fraud/review/${id}/${decision}`, { key: p.apiKey });
const commissionOf = async (p: SeededProgram, conversionId: string) =>
  (await stack.db.query<Row>("SELECT id, conversion_id, status, held_for_review, amount FROM commissions WHERE tenant_id = $1 AND conversion_id = $2", [p.tenantId, conversionId])).rows;

describe("re-attribution after a fraud review", () => {
  it("keeps approved orders and clicks released, rejected ones rejected, and waiting ones held and in the queue", async () => {
    const p = await seedTestProgram(stack);
    const { rows } = await stack.db.query("SELECT email FROM affiliates WHERE id = $1", [p.affiliateId]);
    const email = rows[0].email as string;
    const approved = await orderOn(p, "", email);
    const rejected = await orderOn(p, "", email);
    const waiting = await orderOn(p, "", email);
    const clickApproved = await orderOn(p, "?gclid=brand");
    for (const c of [approved, rejected, waiting, clickApproved]) expect(c.held_for_review).toBe(true);

    expect((await review(p, approved.conversion_id, "approve")).status).toBe(200);
    expect((await review(p, rejected.conversion_id, "reject")).status).toBe(200);
    expect((await review(p, clickApproved.clickId, "approve")).status).toBe(200);
    expect((await commissionOf(p, approved.conversion_id))[0]).toMatchObject({ status: "pending", held_for_review: false });
    expect((await commissionOf(p, clickApproved.conversion_id))[0]).toMatchObject({ status: "pending", held_for_review: false });

    await stack.db.query(`UPDATE campaigns SET commission_rules = '{"version":2,"base":{"type":"percentage","bp":2000}}' WHERE id = $1`, [p.campaignId]);
    const res = await stack.fetch("indica-ingest", "https://ingest.test/admin/reattribute", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ tenantId: p.tenantId, campaignId: p.campaignId }),
    });
    expect(res.status).toBe(200);

    const [a] = await commissionOf(p, approved.conversion_id);
    expect(a).toMatchObject({ status: "pending", held_for_review: false, amount: "2000" });
    // Recomputed in place: the id the merchant and webhooks know stays valid.
    expect(a.id).toBe(approved.id);
    expect((await commissionOf(p, clickApproved.conversion_id))[0]).toMatchObject({ status: "pending", held_for_review: false, amount: "2000" });
    expect(await commissionOf(p, rejected.conversion_id)).toEqual([{ id: rejected.id, conversion_id: rejected.conversion_id, status: "rejected", held_for_review: true, amount: "1000" }]);
    expect((await commissionOf(p, waiting.conversion_id))[0]).toMatchObject({ status: "pending", held_for_review: true, amount: "2000" });

    // The waiting order is still in the queue; the approved one can be approved by the merchant.
    const queue = (await (await callApi(stack, "GET", "/v1/fraud/review?kind=conversion", { key: p.apiKey })).json()) as { items: { id: string }[] };
    expect(queue.items.map((i) => i.id)).toContain(waiting.conversion_id);
    expect(queue.items.map((i) => i.id)).not.toContain(approved.conversion_id);
    const decided = await callApi(stack, "POST", "/v1/commissions/decisions", { key: p.apiKey, body: { action: "approve", ids: [a.id] } });
    expect(await decided.json()).toEqual({ decided: [a.id], skipped: [] });
  });
});
