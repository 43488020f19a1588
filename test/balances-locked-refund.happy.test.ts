/**
 * A refund of an approved commission still inside its lock period lowers what is locked, not what is
 * available (db/queries/ledger-lock.ts): the balance never goes below zero for it, and the next payout
 * batch pays the unlocked money in full. Before, only the credit counted as locked while its reversal came
 * off the available balance at once: -10 available after a R$ 1 refund of a locked R$ 25 commission.
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

/** The debit a refund of an approved commission writes (db/queries/commission-lifecycle.ts debitReversal). */
const reverse = (p: SeededProgram, commissionId: string, amount: number) =>
  stack.db.query(
    "INSERT INTO ledger_entries (id, tenant_id, affiliate_id, currency, amount, kind, commission_id, entry_key) VALUES ($1, $2, $3, 'BRL', $4, 'reversal', $5, $6)",
    [newId("ledgerEntry"), p.tenantId, p.affiliateId, -amount, commissionId, `refund:${commissionId}:${newId("refund")}`],
  );

async function brlBalance(p: SeededProgram) {
  const listed = await bodyOf(await callApi(stack, "GET", `/v1/balances?affiliateId=${p.affiliateId}`, { key: p.apiKey }), 200);
  return listed.items[0].balances.find((b: { currency: string }) => b.currency === "BRL");
}

describe("a refund of a commission inside its lock period", () => {
  it("comes off the locked amount: available stays at zero, not below", async () => {
    const p = await seedTestProgram(stack);
    const locked = await earnApproved(stack.db, p, p.affiliateId, 2_500, "now() + interval '20 days'");
    await reverse(p, locked, 10);
    expect(await brlBalance(p)).toMatchObject({ available: 0, locked: 2_490 });
  });

  it("leaves the unlocked money whole for the next payout batch", async () => {
    const p = await seedTestProgram(stack);
    await earnApproved(stack.db, p, p.affiliateId, 1_000);
    const locked = await earnApproved(stack.db, p, p.affiliateId, 2_500, "now() + interval '20 days'");
    await reverse(p, locked, 300);
    expect(await brlBalance(p)).toMatchObject({ available: 1_000, locked: 2_200 });
    const batch = await bodyOf(await callApi(stack, "POST", "/v1/payout-batches", { key: p.apiKey, body: { currency: "BRL", provider: "csv" } }), 201);
    expect(batch.items).toEqual([expect.objectContaining({ affiliateId: p.affiliateId, amount: 1_000 })]);
  });
});
