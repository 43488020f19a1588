/**
 * A payout pays the commissions whose credits its item counted when the batch was made, and marks exactly
 * those paid. A commission approved after the batch was made is not in the item's
 * amount: it stays approved and available, and a refund of it is a reversal, not a clawback of money never
 * paid (which is what marking every approved commission of the affiliate paid made it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi } from "./helpers/api";
import { earnApproved } from "./helpers/earnings";
import { bodyOf } from "./helpers/programs";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";
import { orderWithCommission } from "./helpers/webhooks";
import type { SeededProgram } from "../scripts/lib/seed-program";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const post = async (p: SeededProgram, path: string, body: unknown) => bodyOf(await callApi(stack, "POST", path, { key: p.apiKey, body }), path === "/v1/payout-batches" ? 201 : 200);
const statusOf = async (id: string) => (await stack.db.query("SELECT status FROM commissions WHERE id = $1", [id])).rows[0].status;
async function balance(p: SeededProgram) {
  const listed = await bodyOf(await callApi(stack, "GET", `/v1/balances?affiliateId=${p.affiliateId}`, { key: p.apiKey }), 200);
  return listed.items[0]?.balances.find((b: { currency: string }) => b.currency === "BRL");
}

describe("which commissions a payout pays", () => {
  it("marks paid only the commissions its item covers, not one approved after the batch was made", async () => {
    const p = await seedTestProgram(stack);
    const earned = await earnApproved(stack.db, p, p.affiliateId, 1_200);
    // o13: 700 of an order of 7,000, still pending when the batch is made. Its lock stays ahead until it is
    // approved by hand: other test files run the global automatic approval on this database at any moment.
    const o13 = await orderWithCommission(stack, p, 7_000);
    expect(Number(o13.amount)).toBe(700);

    const batch = await post(p, "/v1/payout-batches", { currency: "BRL", provider: "csv" });
    const sent = await post(p, `/v1/payout-batches/${batch.id}/send`, {});
    expect(sent.items).toMatchObject([{ amount: 1_200 }]);
    const covered = await stack.db.query("SELECT commission_id, amount::int AS amount FROM payout_item_commissions WHERE item_id = $1", [sent.items[0].id]);
    expect(covered.rows).toEqual([{ commission_id: earned, amount: 1_200 }]);

    // Approved after the batch was made.
    expect(await bodyOf(await callApi(stack, "POST", "/v1/commissions/decisions", { key: p.apiKey, body: { action: "approve", ids: [o13.id] } }), 200)).toEqual({ decided: [o13.id], skipped: [] });
    await stack.db.query("UPDATE commissions SET lock_until = now() - interval '1 day' WHERE id = $1", [o13.id]);
    const paid = await post(p, `/v1/payout-batches/${batch.id}/reconcile`, { items: [{ id: sent.items[0].id, status: "paid", reference: "PIX E1" }] });
    expect(paid).toMatchObject({ status: "paid" });
    expect(await statusOf(earned)).toBe("paid");
    // Before the fix o13 became paid too, though the ledger kept its 700 available.
    expect(await statusOf(o13.id)).toBe("approved");
    expect(await balance(p)).toMatchObject({ available: 700, clawbackCarried: 0 });

    // A refund of half the order: a reversal of the approved 700 (it was -350 'clawback' before the fix).
    await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: o13.order_id, amount: 3_500, currency: "BRL", refundId: "r-1" });
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM ledger_entries WHERE commission_id = $1 AND kind <> 'commission'", [o13.id])).rowCount === 1, 20_000, "the refund's debit");
    const debit = await stack.db.query("SELECT kind, amount::int AS amount FROM ledger_entries WHERE commission_id = $1 AND kind <> 'commission'", [o13.id]);
    expect(debit.rows).toEqual([{ kind: "reversal", amount: -350 }]);
    expect(await balance(p)).toMatchObject({ available: 350, clawbackCarried: 0 });

    // The next batch covers o13 (and only it), and pays what is left of it.
    const next = await post(p, "/v1/payout-batches", { currency: "BRL", provider: "csv" });
    const nextSent = await post(p, `/v1/payout-batches/${next.id}/send`, {});
    expect(nextSent.items).toMatchObject([{ amount: 350 }]);
    expect((await stack.db.query("SELECT commission_id FROM payout_item_commissions WHERE item_id = $1", [nextSent.items[0].id])).rows).toEqual([{ commission_id: o13.id }]);
    await post(p, `/v1/payout-batches/${next.id}/reconcile`, { items: [{ id: nextSent.items[0].id, status: "paid", reference: "PIX E2" }] });
    expect(await statusOf(o13.id)).toBe("paid");
  });
});
