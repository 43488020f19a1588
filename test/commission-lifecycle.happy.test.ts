/** The commission lifecycle against Postgres: approve, reject, automatic approval, refunds after approval and after payout, the ledger, the audit trail. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { callApi, createApiKey } from "./helpers/api";
import { BROWSER_HEADERS, orderId, serverPost } from "./helpers/tracking";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";
import type { SeededProgram } from "../scripts/lib/seed-program";


let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** A clean click and an order of `amount` an hour later; resolves to the order's commission row. */
async function commissionFor(p: SeededProgram, amount: number, query = "") {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}${query}`, { headers: { ...BROWSER_HEADERS, cookie: `indica_vid=${newId("visitor")}` } });
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 20_000, "the click");
  const order = orderId();
  await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount, currency: "BRL", clickId, occurredAt: new Date(Date.now() + 3_600_000).toISOString() });
  return waitFor(async () => (await stack.db.query("SELECT * FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0], 20_000, "the commission");
}

const decide = (p: SeededProgram, body: unknown, key = p.apiKey) => callApi(stack, "POST", "/v1/commissions/decisions", { key, body });
const balance = async (p: SeededProgram) =>
  Number((await stack.db.query("SELECT coalesce(sum(amount), 0) AS b FROM ledger_entries WHERE tenant_id = $1 AND affiliate_id = $2", [p.tenantId, p.affiliateId])).rows[0].b);
const refund = (p: SeededProgram, order: string, amount: number, refundId: string) => serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order, amount, currency: "BRL", refundId });

describe("commission lifecycle", () => {
  it("approves (crediting the ledger once) and rejects, in bulk, with an audit trail; decided ones are skipped", async () => {
    const p = await seedTestProgram(stack);
    const a = await commissionFor(p, 10_000);
    const b = await commissionFor(p, 20_000);
    const approved = await decide(p, { action: "approve", ids: [a.id], reason: "ok" });
    expect(await approved.json()).toEqual({ decided: [a.id], skipped: [] });
    expect(await (await decide(p, { action: "approve", ids: [a.id, b.id] })).json()).toEqual({ decided: [b.id], skipped: [a.id] });
    expect(await balance(p)).toBe(3_000);
    const c = await commissionFor(p, 5_000);
    expect(await (await decide(p, { action: "reject", ids: [c.id], reason: "order was fraudulent" })).json()).toEqual({ decided: [c.id], skipped: [] });
    expect(await balance(p)).toBe(3_000);
    const trail = await stack.db.query("SELECT commission_id, action, reason FROM commission_decisions WHERE tenant_id = $1 ORDER BY created_at", [p.tenantId]);
    expect(trail.rows.map((r) => [r.action, r.reason])).toEqual([["approved", "ok"], ["approved", null], ["rejected", "order was fraudulent"]]);
    const list = (await (await callApi(stack, "GET", "/v1/commissions?status=approved", { key: p.apiKey })).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
  });

  it("approves automatically after the lock period, but not what is held for fraud review until the review approves it", async () => {
    const p = await seedTestProgram(stack);
    const clean = await commissionFor(p, 10_000);
    const held = await commissionFor(p, 10_000, "?gclid=brand");
    expect(held.held_for_review).toBe(true);
    await stack.db.query("UPDATE commissions SET lock_until = now() - interval '1 minute' WHERE tenant_id = $1", [p.tenantId]);
    const ingest = (await stack.mf.getWorker("indica-ingest")) as unknown as { scheduled(o: { cron: string }): Promise<unknown> };
    await ingest.scheduled({ cron: "*/10 * * * *" });
    const status = async (id: string) => (await stack.db.query("SELECT status, held_for_review FROM commissions WHERE id = $1", [id])).rows[0];
    expect(await status(clean.id)).toMatchObject({ status: "approved" });
    expect(await status(held.id)).toMatchObject({ status: "pending", held_for_review: true });
    expect(await (await decide(p, { action: "approve", ids: [held.id] })).json()).toEqual({ decided: [], skipped: [held.id] });

    // Its lock ahead again, so no other test file's run of the global automatic approval takes the decision below.
    await stack.db.query("UPDATE commissions SET lock_until = now() + interval '1 day' WHERE id = $1", [held.id]);
    const { rows } = await stack.db.query("SELECT matched_click_id FROM conversions WHERE tenant_id = $1 AND id = $2", [p.tenantId, held.conversion_id]);
    expect((await callApi(stack, "POST", `/v1/fraud/review/${rows[0].matched_click_id}/approve`, { key: p.apiKey })).status).toBe(200);
    expect(await status(held.id)).toMatchObject({ status: "pending", held_for_review: false });
    expect(await (await decide(p, { action: "approve", ids: [held.id] })).json()).toEqual({ decided: [held.id], skipped: [] });
  });

  it("debits the ledger for a refund after approval, and claws back a refund after payout into the balance", async () => {
    const p = await seedTestProgram(stack);
    const c = await commissionFor(p, 20_000);
    await decide(p, { action: "approve", ids: [c.id] });
    expect(await balance(p)).toBe(2_000);
    await refund(p, c.order_id, 5_000, "r-1");
    await waitFor(async () => (await balance(p)) === 1_500, 20_000, "the reversal");

    // Paid out (payouts come later: marked here as a payout would).
    await stack.db.query("UPDATE commissions SET status = 'paid' WHERE id = $1", [c.id]);
    await stack.db.query("INSERT INTO ledger_entries (id, tenant_id, affiliate_id, currency, amount, kind, entry_key) VALUES ($1, $2, $3, 'BRL', -1500, 'payout', $4)", [newId("ledgerEntry"), p.tenantId, p.affiliateId, `payout:${c.id}`]);
    expect(await balance(p)).toBe(0);
    await refund(p, c.order_id, 15_000, "r-2");
    await waitFor(async () => (await balance(p)) === -1_500, 20_000, "the clawback");
    const kinds = await stack.db.query("SELECT kind, amount FROM ledger_entries WHERE tenant_id = $1 ORDER BY created_at", [p.tenantId]);
    expect(kinds.rows.map((r) => [r.kind, Number(r.amount)])).toEqual([["commission", 2_000], ["reversal", -500], ["payout", -1_500], ["clawback", -1_500]]);
  });

  it("leaves a rejected commission rejected when its order is refunded: no reversal, no ledger entry, no webhook", async () => {
    const p = await seedTestProgram(stack);
    const endpoint = newId("webhook");
    // A disabled endpoint still receives its deliveries (they wait), and the sender never calls it.
    await stack.db.query("INSERT INTO webhook_endpoints (id, tenant_id, url, sealed_secret, status) VALUES ($1, $2, 'https://hooks.example.com/x', 'sealed', 'disabled')", [endpoint, p.tenantId]);
    const c = await commissionFor(p, 20_000);
    expect(await (await decide(p, { action: "reject", ids: [c.id], reason: "fraud" })).json()).toEqual({ decided: [c.id], skipped: [] });
    await refund(p, c.order_id, 5_000, "r-1");
    await refund(p, c.order_id, 15_000, "r-2");
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM refunds WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, c.order_id])).rowCount === 2, 20_000, "the refunds");
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND event_type = 'refund.created'", [endpoint])).rowCount === 2, 20_000, "the refunds' events");
    const after = (await stack.db.query("SELECT status, reversed_amount FROM commissions WHERE id = $1", [c.id])).rows[0];
    expect(after).toEqual({ status: "rejected", reversed_amount: "0" });
    expect((await stack.db.query("SELECT 1 FROM commission_reversals WHERE commission_id = $1", [c.id])).rowCount).toBe(0);
    expect((await stack.db.query("SELECT 1 FROM ledger_entries WHERE tenant_id = $1", [p.tenantId])).rowCount).toBe(0);
    expect((await stack.db.query("SELECT event_id FROM webhook_deliveries WHERE endpoint_id = $1 AND event_type = 'commission.reversed'", [endpoint])).rows).toEqual([]);
    await stack.db.query("DELETE FROM webhook_endpoints WHERE id = $1", [endpoint]);
  });

  it("takes back every commission of an order the merchant cancels, and debits what was approved", async () => {
    const p = await seedTestProgram(stack);
    const c = await commissionFor(p, 30_000);
    await decide(p, { action: "approve", ids: [c.id] });
    const { rows } = await stack.db.query("SELECT matched_click_id FROM conversions WHERE id = $1 AND tenant_id = $2", [c.conversion_id, p.tenantId]);
    await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: c.order_id, amount: 30_000, currency: "BRL", clickId: rows[0].matched_click_id, status: "cancelled" });
    await waitFor(async () => (await stack.db.query("SELECT status FROM commissions WHERE id = $1", [c.id])).rows[0].status === "reversed", 20_000, "the cancellation");
    expect(await balance(p)).toBe(0);
  });

  it("lets no other merchant, nor a read-only key, decide", async () => {
    const p = await seedTestProgram(stack);
    const other = await seedTestProgram(stack);
    const c = await commissionFor(p, 10_000);
    expect(await (await decide(other, { action: "approve", ids: [c.id] })).json()).toEqual({ decided: [], skipped: [c.id] });
    const readOnly = await createApiKey(stack, p.tenantId, { scopes: ["commissions:read"] });
    expect((await decide(p, { action: "approve", ids: [c.id] }, readOnly.key)).status).toBe(403);
    expect((await decide(p, { action: "approve", ids: ["com_nope"] })).status).toBe(400);
  });
});
