/**
 * Re-attribution pages by cursor (conversion id): each call takes the orders after the previous page's cursor,
 * so the orders it re-attributed (pending again) are not taken again, and paging ends. Before, `more` was
 * `reattributed === limit` and every call took the same orders: with limit 1 and 4 pending orders, every call
 * answered {"reattributed":1,"more":true}, and `npm run reattribute` never ended; a page of orders with a
 * decided commission (skipped) ended it early.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { addAffiliate, clickLink, waitForClick } from "./helpers/ingest-fixtures";
import { ADMIN_TOKEN, seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId, serverPost } from "./helpers/tracking";
import type { SeededProgram } from "../scripts/lib/seed-program";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

type Page = { reattributed: number; skipped: number; cursor: string | null; more: boolean };

async function order(p: SeededProgram): Promise<string> {
  const { clickId } = await clickLink(stack, p);
  await waitForClick(stack, clickId);
  const id = orderId();
  await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: id, amount: 10_000, currency: "BRL", clickId, status: "paid" });
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, id])).rowCount === 1, 20_000, "the commission");
  return id;
}

const reattribute = async (body: Record<string, unknown>): Promise<Page> => {
  const res = await stack.fetch("indica-ingest", "https://ingest.test/admin/reattribute", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Page;
};

describe("re-attribution paging", () => {
  it("follows the cursor to the end, one order a page, past orders with a decided commission", async () => {
    const p = await seedTestProgram(stack);
    const orders = [await order(p), await order(p), await order(p)];
    // An order one of whose commissions is decided (another affiliate's share, approved): left as it is.
    const partlyDecided = await order(p);
    const other = await addAffiliate(stack, p);
    await stack.db.query(
      `INSERT INTO commissions (id, tenant_id, conversion_id, order_id, affiliate_id, campaign_id, currency, amount, share_bp, status, rules_version)
       SELECT $1, tenant_id, conversion_id, order_id, $2, campaign_id, currency, 1, 0, 'approved', rules_version FROM commissions WHERE tenant_id = $3 AND order_id = $4`,
      [newId("commission"), other, p.tenantId, partlyDecided],
    );
    orders.push(await order(p));

    await stack.db.query(`UPDATE campaigns SET commission_rules = '{"version":2,"base":{"type":"percentage","bp":2000}}' WHERE id = $1`, [p.campaignId]);
    const pages: Page[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await reattribute({ tenantId: p.tenantId, limit: 1, ...(cursor ? { cursor } : {}) });
      pages.push(page);
      if (!page.more) break;
      cursor = page.cursor;
    }
    expect(pages.map((pg) => [pg.reattributed, pg.skipped, pg.more])).toEqual([[1, 0, true], [1, 0, true], [1, 0, true], [0, 1, true], [1, 0, false]]);
    expect(pages.at(-1)!.cursor).toBeNull();

    const amounts = await stack.db.query<{ order_id: string; amount: string; status: string }>(
      "SELECT order_id, amount, status FROM commissions WHERE tenant_id = $1 AND affiliate_id = $2", [p.tenantId, p.affiliateId]);
    const byOrder = new Map(amounts.rows.map((r) => [r.order_id, r]));
    for (const o of orders) expect(byOrder.get(o)).toMatchObject({ amount: "2000", status: "pending" });
    expect(byOrder.get(partlyDecided)).toMatchObject({ amount: "1000", status: "pending" });

    // Once all are done, a single default page goes through everything again and says there is no more.
    expect(await reattribute({ tenantId: p.tenantId })).toEqual({ reattributed: 4, skipped: 1, cursor: null, more: false });
  });
});
