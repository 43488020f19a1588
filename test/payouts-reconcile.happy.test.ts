/**
 * Reconciling a CSV batch by hand: whatever order the merchant marks lines paid and failed in, the ledger
 * debits the affiliate exactly once per payment actually made. A CSV line is not debited when it is sent
 * (the merchant pays it from the bank), so marking it failed must give nothing back; and a line paid,
 * then reported failed, then paid again is debited again. A batch nobody was paid from can be cancelled,
 * which frees its affiliates for the next batch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi } from "./helpers/api";
import { earnApproved } from "./helpers/earnings";
import { bodyOf } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const earn = (p: SeededProgram, amount: number) => earnApproved(stack.db, p, p.affiliateId, amount);

const post = async (p: SeededProgram, path: string, body: unknown) => bodyOf(await callApi(stack, "POST", path, { key: p.apiKey, body }), path === "/v1/payout-batches" ? 201 : 200);
const payouts = async (p: SeededProgram) =>
  (await stack.db.query("SELECT amount::int AS amount FROM ledger_entries WHERE tenant_id = $1 AND kind = 'payout' ORDER BY created_at, id", [p.tenantId])).rows.map((r) => r.amount);
async function available(p: SeededProgram): Promise<number> {
  const listed = await bodyOf(await callApi(stack, "GET", `/v1/balances?affiliateId=${p.affiliateId}`, { key: p.apiKey }), 200);
  return listed.items[0]?.balances.find((b: { currency: string }) => b.currency === "BRL")?.available ?? 0;
}

async function sentCsvBatch(p: SeededProgram): Promise<{ batchId: string; itemId: string }> {
  await earn(p, 10_000);
  const batch = await post(p, "/v1/payout-batches", { currency: "BRL", provider: "csv" });
  const sent = await post(p, `/v1/payout-batches/${batch.id}/send`, {});
  expect(sent.items[0]).toMatchObject({ status: "processing", amount: 10_000 });
  return { batchId: batch.id, itemId: sent.items[0].id };
}

const reconcile = (p: SeededProgram, batchId: string, item: Record<string, unknown>) => post(p, `/v1/payout-batches/${batchId}/reconcile`, { items: [item] });

describe("reconciling a CSV batch", () => {
  it("a line marked failed before anything was paid gives nothing back; paid later, it is debited once", async () => {
    const p = await seedTestProgram(stack);
    const { batchId, itemId } = await sentCsvBatch(p);
    expect(await payouts(p)).toEqual([]);

    const failed = await reconcile(p, batchId, { id: itemId, status: "failed", reason: "conta encerrada" });
    expect(failed.items[0]).toMatchObject({ status: "failed" });
    // Before the fix the "return" of a debit never taken credited +10,000: the affiliate showed 20,000 available.
    expect(await payouts(p)).toEqual([]);
    expect(await available(p)).toBe(10_000);

    const paid = await reconcile(p, batchId, { id: itemId, status: "paid", reference: "TED 123" });
    expect(paid).toMatchObject({ status: "paid" });
    expect(await payouts(p)).toEqual([-10_000]);
    expect(await available(p)).toBe(0);
  });

  it("a line paid, reported failed (the transfer bounced), then paid again is debited again", async () => {
    const p = await seedTestProgram(stack);
    const { batchId, itemId } = await sentCsvBatch(p);
    await reconcile(p, batchId, { id: itemId, status: "paid", reference: "PIX E1" });
    expect(await payouts(p)).toEqual([-10_000]);
    expect(await available(p)).toBe(0);

    await reconcile(p, batchId, { id: itemId, status: "failed", reason: "devolvido pelo banco" });
    expect(await payouts(p)).toEqual([-10_000, 10_000]);
    expect(await available(p)).toBe(10_000);

    // Before the fix this payment reused the first attempt's ledger key and was skipped: 10,000 stayed available.
    const again = await reconcile(p, batchId, { id: itemId, status: "paid", reference: "PIX E2" });
    expect(again.items[0]).toMatchObject({ status: "paid", providerReference: "PIX E2" });
    expect(await payouts(p)).toEqual([-10_000, 10_000, -10_000]);
    expect(await available(p)).toBe(0);

    // Marking it paid once more changes nothing.
    await reconcile(p, batchId, { id: itemId, status: "paid" });
    expect(await payouts(p)).toEqual([-10_000, 10_000, -10_000]);
  });
});

describe("cancelling a batch", () => {
  it("a draft, or a CSV batch not paid, is cancelled and its affiliates can be in the next batch; one with a payment cannot be", async () => {
    const p = await seedTestProgram(stack);
    await earn(p, 10_000);
    const draft = await post(p, "/v1/payout-batches", { currency: "BRL", provider: "csv" });
    // Nobody is in two open batches: the draft holds the affiliate.
    expect((await callApi(stack, "POST", "/v1/payout-batches", { key: p.apiKey, body: { currency: "BRL", provider: "csv" } })).status).toBe(422);
    const cancelled = await post(p, `/v1/payout-batches/${draft.id}/cancel`, {});
    expect(cancelled).toMatchObject({ status: "cancelled", items: [expect.objectContaining({ status: "cancelled" })] });
    expect((await post(p, `/v1/payout-batches/${draft.id}/cancel`, {})).status).toBe("cancelled");
    expect((await callApi(stack, "POST", `/v1/payout-batches/${draft.id}/send`, { key: p.apiKey, body: {} })).status).toBe(409);

    // Free again: a new batch takes the affiliate, is sent, and (a CSV batch nobody paid) cancelled too.
    const next = await post(p, "/v1/payout-batches", { currency: "BRL", provider: "csv" });
    expect(next.items).toEqual([expect.objectContaining({ affiliateId: p.affiliateId, amount: 10_000 })]);
    const sent = await post(p, `/v1/payout-batches/${next.id}/send`, {});
    await post(p, `/v1/payout-batches/${next.id}/cancel`, {});
    const refused = await callApi(stack, "POST", `/v1/payout-batches/${next.id}/reconcile`, { key: p.apiKey, body: { items: [{ id: sent.items[0].id, status: "paid" }] } });
    expect(refused.status).toBe(409);
    expect(await payouts(p)).toEqual([]);

    // A batch someone was paid from stays.
    const third = await post(p, "/v1/payout-batches", { currency: "BRL", provider: "csv" });
    const thirdSent = await post(p, `/v1/payout-batches/${third.id}/send`, {});
    await reconcile(p, third.id, { id: thirdSent.items[0].id, status: "paid" });
    const paidCancel = await callApi(stack, "POST", `/v1/payout-batches/${third.id}/cancel`, { key: p.apiKey, body: {} });
    expect(paidCancel.status).toBe(409);
    expect((await bodyOf(paidCancel, 409)).detail).toMatch(/paid/);
    expect(await payouts(p)).toEqual([-10_000]);
    // Listed newest first, a page at a time.
    const first = await bodyOf(await callApi(stack, "GET", "/v1/payout-batches?limit=2", { key: p.apiKey }), 200);
    const rest = await bodyOf(await callApi(stack, "GET", `/v1/payout-batches?limit=2&cursor=${first.nextCursor}`, { key: p.apiKey }), 200);
    expect([...first.items, ...rest.items].map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([[third.id, "paid"], [next.id, "cancelled"], [draft.id, "cancelled"]]);
    expect(rest.nextCursor).toBeNull();
    expect((await callApi(stack, "POST", `/v1/payout-batches/${newId("payout")}/cancel`, { key: p.apiKey, body: {} })).status).toBe(404);
  });
});
