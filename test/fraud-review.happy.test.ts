/** The review queue: flagged clicks and orders listed with evidence, approved or rejected by their merchant only. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, callApi } from "./helpers/api";
import { BROWSER_HEADERS, orderId, serverPost } from "./helpers/tracking";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";


let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

type Page = { items: { id: string; kind: string; campaignId: string | null; reasons: string[]; evidence: Record<string, unknown> }[]; nextCursor: string | null };

async function flaggedClick(code: string): Promise<string> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}?gclid=paid-search`, { headers: BROWSER_HEADERS });
  const id = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [id])).rowCount === 1, 20_000, "the flagged click");
  return id;
}

describe("fraud review queue", () => {
  it("lists flagged clicks with their evidence, and takes the merchant's decision", async () => {
    const p = await seedTestProgram(stack);
    const [a, b] = [await flaggedClick(p.code), await flaggedClick(p.code)];
    const page = (await (await callApi(stack, "GET", "/v1/fraud/review?kind=click&limit=1", { key: p.apiKey })).json()) as Page;
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ id: a, kind: "click", reasons: ["brand_bidding"], evidence: { adClickIds: { gclid: "paid-search" } } });
    const next = (await (await callApi(stack, "GET", `/v1/fraud/review?kind=click&cursor=${page.nextCursor}`, { key: p.apiKey })).json()) as Page;
    expect(next.items.map((i) => i.id)).toEqual([b]);

    const approved = await callApi(stack, "POST", `/v1/fraud/review/${a}/approve`, { key: p.apiKey });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ id: a, reviewStatus: "approved" });
    expect((await callApi(stack, "POST", `/v1/fraud/review/${b}/reject`, { key: p.apiKey })).status).toBe(200);
    const after = (await (await callApi(stack, "GET", "/v1/fraud/review", { key: p.apiKey })).json()) as Page;
    expect(after.items).toEqual([]);
    const { rows } = await stack.db.query("SELECT id, review_status FROM clicks WHERE id = ANY($1) ORDER BY id", [[a, b]]);
    expect(rows.map((r) => r.review_status)).toEqual(["approved", "rejected"]);
  });

  it("lists a flagged order (self-referral) among conversions", async () => {
    const p = await seedTestProgram(stack);
    const { rows } = await stack.db.query("SELECT email FROM affiliates WHERE id = $1", [p.affiliateId]);
    const order = orderId();
    const res = await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 9900, currency: "BRL", customer: { email: rows[0].email }, clickId: await cleanClick(p.code) });
    expect(res.status).toBe(202);
    const page = await waitFor(async () => {
      const body = (await (await callApi(stack, "GET", "/v1/fraud/review?kind=conversion", { key: p.apiKey })).json()) as Page;
      return body.items.length > 0 && body;
    }, 20_000, "the flagged order");
    expect(page.items[0]).toMatchObject({ kind: "conversion", evidence: { orderId: order } });
    expect(page.items[0].reasons).toContain("self_referral");
  });

  it("lists flagged clicks and orders together when no kind is given (the dashboard's default), each order with its campaign", async () => {
    const p = await seedTestProgram(stack);
    const click = await flaggedClick(p.code);
    const { rows } = await stack.db.query("SELECT email FROM affiliates WHERE id = $1", [p.affiliateId]);
    const order = orderId();
    const sent = await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 9900, currency: "BRL", customer: { email: rows[0].email }, clickId: await cleanClick(p.code) });
    expect(sent.status).toBe(202);
    const all = await waitFor(async () => {
      const body = (await (await callApi(stack, "GET", "/v1/fraud/review", { key: p.apiKey })).json()) as Page;
      return body.items.some((i) => i.kind === "conversion") && body;
    }, 20_000, "the flagged order in the unfiltered queue");
    expect(all.items.map((i) => [i.kind, i.campaignId])).toEqual([["click", p.campaignId], ["conversion", p.campaignId]]);
    expect(all.items[0].id).toBe(click);
    expect(all.items[1].evidence).toMatchObject({ orderId: order, amount: 9900 });

    // A page ends at the oldest item; its cursor carries on through both kinds.
    const first = (await (await callApi(stack, "GET", "/v1/fraud/review?limit=1", { key: p.apiKey })).json()) as Page;
    expect(first.items.map((i) => i.id)).toEqual([click]);
    const second = (await (await callApi(stack, "GET", `/v1/fraud/review?limit=1&cursor=${first.nextCursor}`, { key: p.apiKey })).json()) as Page;
    expect(second.items.map((i) => i.evidence.orderId)).toEqual([order]);
    expect(second.nextCursor).toBeNull();
  });

  it("never lets another merchant, or a key without the scope, see or decide", async () => {
    const p = await seedTestProgram(stack);
    const other = await seedTestProgram(stack);
    const id = await flaggedClick(p.code);
    const foreign = (await (await callApi(stack, "GET", "/v1/fraud/review", { key: other.apiKey })).json()) as Page;
    expect(foreign.items.map((i) => i.id)).not.toContain(id);
    expect((await callApi(stack, "POST", `/v1/fraud/review/${id}/reject`, { key: other.apiKey })).status).toBe(404);
    const readOnly = await createApiKey(stack, p.tenantId, { scopes: ["fraud:read"] });
    expect((await callApi(stack, "POST", `/v1/fraud/review/${id}/reject`, { key: readOnly.key })).status).toBe(403);
    expect((await callApi(stack, "GET", "/v1/fraud/review?kind=nope", { key: p.apiKey })).status).toBe(400);
    expect((await callApi(stack, "POST", `/v1/fraud/review/clk_nope/approve`, { key: p.apiKey })).status).toBe(400);
  });
});

/** A clean click (so the order's own signals are what flags it). */
async function cleanClick(code: string): Promise<string> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}`, { headers: BROWSER_HEADERS });
  const id = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [id])).rowCount === 1, 20_000, "the click");
  return id;
}
