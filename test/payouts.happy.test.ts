/**
 * Payouts against fake providers that follow the documented request and response shapes: Stripe Connect
 * transfers, PIX (Efí Pix Envio), PayPal Payouts, and the CSV exports. A provider call that fails mid-batch
 * (one refused, one processed but its answer lost) is retried and every affiliate is paid exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi } from "./helpers/api";
import { earnApproved } from "./helpers/earnings";
import { addAffiliate } from "./helpers/ingest-fixtures";
import { startFakeServer, type FakeRequest, type FakeServer } from "./helpers/fake-server";
import { bodyOf } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let provider: FakeServer;
/** What the fake providers have paid, by idempotency key: a second payment under one key is a bug. */
const paid = new Map<string, { destination: string; amount: string }>();
let failNext: ((r: FakeRequest) => "refuse" | "lose" | null) | null = null;

function pay(key: string, destination: string, amount: string, answer: unknown) {
  if (!paid.has(key)) paid.set(key, { destination, amount });
  return answer;
}

beforeAll(async () => {
  provider = await startFakeServer((r) => {
    const fault = failNext?.(r) ?? null;
    if (fault === "refuse") return { status: 500, body: { error: { type: "api_error", message: "temporary" } } };
    if (r.method === "POST" && r.path === "/v1/transfers") {
      const form = new URLSearchParams(r.body);
      const key = String(r.headers["idempotency-key"]);
      const answer = pay(key, form.get("destination")!, form.get("amount")!, { id: `tr_${key.slice(-10)}`, object: "transfer", amount: Number(form.get("amount")), currency: form.get("currency"), destination: form.get("destination") });
      return fault === "lose" ? { status: 502, body: { error: "bad gateway" } } : { status: 200, body: answer };
    }
    if (r.method === "PUT" && r.path.startsWith("/v2/gn/pix/")) {
      const id = r.path.split("/").pop()!;
      const b = JSON.parse(r.body);
      return { status: 201, body: pay(id, b.favorecido.chave, b.valor, { idEnvio: id, e2eId: `E0000000020260101${id.slice(-10)}`, valor: b.valor, horario: { solicitacao: new Date().toISOString() }, status: "EM_PROCESSAMENTO" }) };
    }
    if (r.path === "/v1/oauth2/token") return { status: 200, body: { access_token: "A21AA-token", token_type: "Bearer", expires_in: 32400 } };
    if (r.method === "POST" && r.path === "/v1/payments/payouts") {
      const b = JSON.parse(r.body);
      const id = b.sender_batch_header.sender_batch_id;
      return { status: 201, body: pay(id, b.items[0].receiver, b.items[0].amount.value, { batch_header: { payout_batch_id: `PB${id.slice(-8)}`, batch_status: "PENDING", sender_batch_header: b.sender_batch_header } }) };
    }
    return { status: 404, body: { error: "not found" } };
  });
  stack = await startTestStack({
    bindings: {
      "indica-api": {
        STRIPE_API_BASE: provider.url, STRIPE_SECRET_KEY: "sk_test_123",
        PIX_EFI_API_BASE: provider.url, PIX_EFI_ACCESS_TOKEN: "efi-token", PIX_EFI_PAYER_KEY: "pagamentos@loja.example",
        PAYPAL_API_BASE: provider.url, PAYPAL_CLIENT_ID: "client", PAYPAL_CLIENT_SECRET: "secret",
      },
    },
  });
});
afterAll(async () => {
  await stack?.close();
  await provider?.close();
});

const earn = (p: SeededProgram, affiliateId: string, amount: number, lockedUntil?: string) => earnApproved(stack.db, p, affiliateId, amount, lockedUntil);
const api = (p: SeededProgram) => ({
  post: async (path: string, body: unknown, status: number) => bodyOf(await callApi(stack, "POST", path, { key: p.apiKey, body }), status),
  put: async (path: string, body: unknown) => bodyOf(await callApi(stack, "PUT", path, { key: p.apiKey, body }), 200),
});
const ledgerOf = async (p: SeededProgram, affiliateId: string) =>
  (await stack.db.query("SELECT kind, amount::int AS amount FROM ledger_entries WHERE tenant_id = $1 AND affiliate_id = $2 ORDER BY created_at, id", [p.tenantId, affiliateId])).rows;

describe("payouts", () => {
  it("Stripe Connect: one call refused and one answer lost mid-batch; the retry pays each affiliate exactly once", async () => {
    const p = await seedTestProgram(stack);
    const [a, b, c] = [p.affiliateId, await addAffiliate(stack, p, "Bruno"), await addAffiliate(stack, p, "Carla")];
    for (const [aff, acct] of [[a, "acct_1AAAAAAA"], [b, "acct_1BBBBBBB"], [c, "acct_1CCCCCCC"]]) await api(p).put(`/v1/affiliates/${aff}/payout-methods`, { kind: "stripe_connect", accountId: acct });
    await earn(p, a, 5_000);
    await earn(p, b, 7_000);
    await earn(p, c, 9_000);
    const batch = await api(p).post("/v1/payout-batches", { currency: "BRL", provider: "stripe_connect", minimumAmount: 1_000 }, 201);
    expect(batch).toMatchObject({ status: "draft", itemCount: 3, totalAmount: 21_000 });

    failNext = (r) => (r.body.includes("acct_1BBBBBBB") ? "refuse" : r.body.includes("acct_1CCCCCCC") ? "lose" : null);
    const first = await api(p).post(`/v1/payout-batches/${batch.id}/send`, {}, 200);
    expect(first.status).toBe("failed");
    expect(first.items.map((i: { status: string }) => i.status).sort()).toEqual(["failed", "failed", "paid"]);
    failNext = null;
    const second = await api(p).post(`/v1/payout-batches/${batch.id}/send`, {}, 200);
    expect(second.status).toBe("paid");
    const third = await callApi(stack, "POST", `/v1/payout-batches/${batch.id}/send`, { key: p.apiKey, body: {} });
    expect(third.status).toBe(409);

    const transfers = provider.requests.filter((r) => r.path === "/v1/transfers" && r.body.includes("acct_1"));
    const keys = new Set(transfers.map((r) => r.headers["idempotency-key"]));
    expect(keys.size).toBe(3);
    const payments = [...paid.entries()].filter(([k]) => keys.has(k)).map(([, v]) => v.destination).sort();
    expect(payments).toEqual(["acct_1AAAAAAA", "acct_1BBBBBBB", "acct_1CCCCCCC"]);
    for (const aff of [a, b, c]) expect((await ledgerOf(p, aff)).filter((e) => e.kind === "payout")).toHaveLength(1);
    expect(await ledgerOf(p, c)).toEqual([{ kind: "commission", amount: 9_000 }, { kind: "payout", amount: -9_000 }]);
    expect((await stack.db.query("SELECT DISTINCT status FROM commissions WHERE tenant_id = $1", [p.tenantId])).rows).toEqual([{ status: "paid" }]);
    const listed = await bodyOf(await callApi(stack, "GET", "/v1/payouts", { key: p.apiKey }), 200);
    expect(listed.items).toHaveLength(3);
  });

  it("respects the minimum and the lock period, and carries clawbacks into the amount", async () => {
    const p = await seedTestProgram(stack);
    const b = await addAffiliate(stack, p, "Bruno");
    for (const aff of [p.affiliateId, b]) await api(p).put(`/v1/affiliates/${aff}/payout-methods`, { kind: "pix", keyType: "email", key: `${aff.toLowerCase()}@example.com` });
    await earn(p, p.affiliateId, 10_000);
    await earn(p, p.affiliateId, 4_000, "now() + interval '10 days'");
    await stack.db.query("INSERT INTO ledger_entries (id, tenant_id, affiliate_id, currency, amount, kind, entry_key) VALUES ($1, $2, $3, 'BRL', -1500, 'clawback', $4)", [newId("ledgerEntry"), p.tenantId, p.affiliateId, `refund:x:${newId("refund")}`]);
    await earn(p, b, 900);
    const batch = await api(p).post("/v1/payout-batches", { currency: "BRL", provider: "pix", minimumAmount: 1_000 }, 201);
    expect(batch.items).toEqual([expect.objectContaining({ affiliateId: p.affiliateId, amount: 8_500 })]);
    const sent = await api(p).post(`/v1/payout-batches/${batch.id}/send`, {}, 200);
    expect(sent.items[0]).toMatchObject({ status: "processing", providerReference: expect.stringMatching(/^E/) });
    const put = provider.requests.find((r) => r.method === "PUT" && r.body.includes(p.affiliateId.toLowerCase()))!;
    expect(JSON.parse(put.body)).toMatchObject({ valor: "85.00", pagador: { chave: "pagamentos@loja.example" } });
    expect(put.headers.authorization).toBe("Bearer efi-token");
    // Nobody is in two open batches: a second batch now has no one to pay.
    expect((await callApi(stack, "POST", "/v1/payout-batches", { key: p.apiKey, body: { currency: "BRL", provider: "pix", minimumAmount: 1_000 } })).status).toBe(422);
    // The provider's report: not paid. The debit comes back and the item can be paid again under a new key.
    const failed = await api(p).post(`/v1/payout-batches/${batch.id}/reconcile`, { items: [{ id: sent.items[0].id, status: "failed", reason: "NAO_REALIZADO" }] }, 200);
    expect(failed.status).toBe("failed");
    expect((await ledgerOf(p, p.affiliateId)).filter((e) => e.kind === "payout").map((e) => e.amount)).toEqual([-8_500, 8_500]);
    const retried = await api(p).post(`/v1/payout-batches/${batch.id}/send`, {}, 200);
    const done = await api(p).post(`/v1/payout-batches/${batch.id}/reconcile`, { items: [{ id: retried.items[0].id, status: "paid" }] }, 200);
    expect(done.status).toBe("paid");
    expect((await ledgerOf(p, p.affiliateId)).filter((e) => e.kind === "payout").map((e) => e.amount)).toEqual([-8_500, 8_500, -8_500]);
  });

  it("PayPal Payouts: OAuth, then one sender_batch_id per item, accepted as pending", async () => {
    const p = await seedTestProgram(stack);
    await api(p).put(`/v1/affiliates/${p.affiliateId}/payout-methods`, { kind: "paypal", email: "maria@example.com" });
    await earn(p, p.affiliateId, 12_345);
    const batch = await api(p).post("/v1/payout-batches", { currency: "BRL", provider: "paypal" }, 201);
    const sent = await api(p).post(`/v1/payout-batches/${batch.id}/send`, {}, 200);
    expect(sent.items[0]).toMatchObject({ status: "processing", providerReference: expect.stringMatching(/^PB/) });
    const call = provider.requests.find((r) => r.path === "/v1/payments/payouts" && r.body.includes(batch.items[0].id))!;
    expect(JSON.parse(call.body).items[0]).toMatchObject({ receiver: "maria@example.com", amount: { value: "123.45", currency: "BRL" }, recipient_type: "EMAIL" });
    expect(call.headers["paypal-request-id"]).toBe(JSON.parse(call.body).sender_batch_header.sender_batch_id);
  });

  it("CSV exports (generic and PIX keys), details never in the clear elsewhere", async () => {
    const p = await seedTestProgram(stack);
    const method = await api(p).put(`/v1/affiliates/${p.affiliateId}/payout-methods`, { kind: "pix", keyType: "cpf", key: "12345678909", holderName: "Maria Souza" });
    expect(method.hint).toBe("pix cpf 123***909");
    const stored = (await stack.db.query("SELECT sealed_details FROM payout_methods WHERE affiliate_id = $1", [p.affiliateId])).rows[0].sealed_details;
    expect(stored).not.toContain("12345678909");
    await earn(p, p.affiliateId, 2_050);
    const batch = await api(p).post("/v1/payout-batches", { currency: "BRL", provider: "csv_pix" }, 201);
    await api(p).post(`/v1/payout-batches/${batch.id}/send`, {}, 200);
    const pix = await (await callApi(stack, "GET", `/v1/payout-batches/${batch.id}/export?format=pix`, { key: p.apiKey })).text();
    expect(pix).toBe(`chave_pix,tipo_chave,valor,nome_favorecido,identificador\r\n12345678909,CPF,20.50,Maria Souza,${batch.items[0].id}\r\n`);
    const generic = await (await callApi(stack, "GET", `/v1/payout-batches/${batch.id}/export`, { key: p.apiKey })).text();
    expect(generic.split("\r\n")[1]).toBe(`${batch.items[0].id},${p.affiliateId},Maria Souza,BRL,20.50,pix:cpf,12345678909`);
  });
});
