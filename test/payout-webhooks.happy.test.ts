/**
 * The payout providers' own webhooks settle items through the reconcile code: Stripe Connect transfer events
 * (Stripe-Signature), PayPal PAYMENT.PAYOUTS-ITEM.* (verified by PayPal's verify-webhook-signature, here a fake)
 * and Efí PIX callbacks (a secret in the URL). Per provider: paid, failed with the debit returned once, a
 * tampered and a replayed delivery refused and recorded in failed_events, a duplicate event changing nothing.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { signPayload } from "../core/request-signature";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi } from "./helpers/api";
import { earnApproved } from "./helpers/earnings";
import { startFakeServer, type FakeServer } from "./helpers/fake-server";
import { addAffiliate } from "./helpers/ingest-fixtures";
import { bodyOf } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

const STRIPE_WHSEC = "whsec_test_payouts";
const PAYPAL_WEBHOOK_ID = "WH-TEST-1";
const EFI_SECRET = "efi-callback-secret-0123456789";
/** The fake PayPal's signature: a digest of the event as sent, so any change to the body fails verification. */
const paypalSig = (event: unknown) => createHash("sha256").update(JSON.stringify(event)).digest("hex");

let stack: TestStack;
let provider: FakeServer;

beforeAll(async () => {
  provider = await startFakeServer((r) => {
    if (r.path === "/v1/transfers") {
      const form = new URLSearchParams(r.body);
      return { status: 200, body: { id: `tr_${String(r.headers["idempotency-key"]).replace(/\W/g, "").slice(-12)}`, object: "transfer", amount: Number(form.get("amount")), metadata: { indica_payout_item: form.get("metadata[indica_payout_item]") } } };
    }
    if (r.path.startsWith("/v2/gn/pix/")) {
      const id = r.path.split("/").pop()!;
      return { status: 201, body: { idEnvio: id, e2eId: `E00000000202601010000${id.slice(-10)}`, valor: JSON.parse(r.body).valor, status: "EM_PROCESSAMENTO" } };
    }
    if (r.path === "/v1/oauth2/token") return { status: 200, body: { access_token: "A21AA-token", token_type: "Bearer", expires_in: 32400 } };
    if (r.path === "/v1/payments/payouts") {
      const id = JSON.parse(r.body).sender_batch_header.sender_batch_id;
      return { status: 201, body: { batch_header: { payout_batch_id: `PB${id.replace(/\W/g, "").slice(-10)}`, batch_status: "PENDING" } } };
    }
    if (r.path === "/v1/notifications/verify-webhook-signature") {
      const b = JSON.parse(r.body);
      const ok = b.webhook_id === PAYPAL_WEBHOOK_ID && b.transmission_sig === paypalSig(b.webhook_event);
      return { status: 200, body: { verification_status: ok ? "SUCCESS" : "FAILURE" } };
    }
    return { status: 404, body: { error: "not found" } };
  });
  stack = await startTestStack({
    bindings: {
      "indica-api": {
        STRIPE_API_BASE: provider.url, STRIPE_SECRET_KEY: "sk_test_123", STRIPE_WEBHOOK_SECRET: STRIPE_WHSEC,
        PIX_EFI_API_BASE: provider.url, PIX_EFI_ACCESS_TOKEN: "efi-token", PIX_EFI_PAYER_KEY: "pagamentos@loja.example", PIX_EFI_WEBHOOK_SECRET: EFI_SECRET,
        PAYPAL_API_BASE: provider.url, PAYPAL_CLIENT_ID: "client", PAYPAL_CLIENT_SECRET: "secret", PAYPAL_WEBHOOK_ID,
      },
    },
  });
});
afterAll(async () => {
  await stack?.close();
  await provider?.close();
});

const earn = (p: SeededProgram, affiliateId: string, amount: number) => earnApproved(stack.db, p, affiliateId, amount);


/** A sent batch of two affiliates (5 000 and 7 000) through `provider`, with its items by affiliate. */
async function sentBatch(providerName: string, method: (n: number) => Record<string, string>) {
  const p = await seedTestProgram(stack);
  const b = await addAffiliate(stack, p, "Bruno");
  for (const [n, aff] of [p.affiliateId, b].entries()) {
    await bodyOf(await callApi(stack, "PUT", `/v1/affiliates/${aff}/payout-methods`, { key: p.apiKey, body: method(n) }), 200);
  }
  await earn(p, p.affiliateId, 5_000);
  await earn(p, b, 7_000);
  const batch = await bodyOf(await callApi(stack, "POST", "/v1/payout-batches", { key: p.apiKey, body: { currency: "BRL", provider: providerName, minimumAmount: 1_000 } }), 201);
  const sent = await bodyOf(await callApi(stack, "POST", `/v1/payout-batches/${batch.id}/send`, { key: p.apiKey, body: {} }), 200);
  const item = (aff: string) => sent.items.find((i: { affiliateId: string }) => i.affiliateId === aff);
  return { p, batchId: batch.id as string, a: item(p.affiliateId), b: item(b) };
}

const post = (path: string, body: string, headers: Record<string, string> = {}) => callApi(stack, "POST", path, { key: null, body, headers: { "content-type": "application/json", ...headers } });
const itemRow = async (id: string) => (await stack.db.query("SELECT status, idempotency_key, provider_reference FROM payout_items WHERE id = $1", [id])).rows[0];
const payoutEntries = async (p: SeededProgram, affiliateId: string) =>
  (await stack.db.query("SELECT amount::int AS amount FROM ledger_entries WHERE tenant_id = $1 AND affiliate_id = $2 AND kind = 'payout' ORDER BY created_at, id", [p.tenantId, affiliateId])).rows.map((r) => r.amount);
const failedEventsFor = async (source: string, type: string) => (await stack.db.query("SELECT reason, tenant_id, event_id FROM failed_events WHERE source = $1 AND event_type = $2 ORDER BY created_at", [source, type])).rows;
const batchStatus = async (id: string) => (await stack.db.query("SELECT status FROM payout_batches WHERE id = $1", [id])).rows[0].status;

describe("Stripe Connect transfer webhooks", () => {
  const stripe = async (event: unknown, opts: { t?: number; tamper?: (raw: string) => string } = {}) => {
    const raw = JSON.stringify(event);
    const t = opts.t ?? Math.floor(Date.now() / 1000);
    const sig = `t=${t},v1=${await signPayload(STRIPE_WHSEC, t, raw)}`;
    return post("/v1/payout-webhooks/stripe", opts.tamper ? opts.tamper(raw) : raw, { "stripe-signature": sig });
  };
  const transferEvent = (type: string, item: { id: string; providerReference: string; amount: number }, reversed = false) => ({
    id: newId("event").replace(/^[a-z]+_/, "evt_"), object: "event", type,
    data: { object: { id: item.providerReference, object: "transfer", amount: item.amount, amount_reversed: reversed ? item.amount : 0, reversed, metadata: { indica_payout_item: item.id } } },
  });

  it("a reversal returns the debit once; a replay and a duplicate change nothing; tampered and stale are refused", async () => {
    const { p, batchId, a, b } = await sentBatch("stripe_connect", (n) => ({ kind: "stripe_connect", accountId: `acct_1WEBHOOK${n}` }));
    expect([a.status, b.status]).toEqual(["paid", "paid"]);
    const created = transferEvent("transfer.created", a);
    expect(await bodyOf(await stripe(created), 200)).toMatchObject({ events: [{ result: "unchanged", itemId: a.id }] });

    const reversal = transferEvent("transfer.reversed", b, true);
    expect(await bodyOf(await stripe(reversal), 200)).toMatchObject({ events: [{ result: "applied", itemId: b.id }] });
    expect(await itemRow(b.id)).toMatchObject({ status: "failed" });
    expect(await payoutEntries(p, b.affiliateId)).toEqual([-7_000, 7_000]);
    expect(await batchStatus(batchId)).toBe("failed");

    // The same event again (inside the tolerance): refused as a replay, recorded, nothing credited twice.
    expect(await bodyOf(await stripe(reversal), 200)).toMatchObject({ events: [{ result: "duplicate" }] });
    expect((await failedEventsFor("payout-webhook:stripe_connect", "payout_webhook_replayed")).map((r) => r.event_id)).toContain(reversal.id);
    // Another event saying the same (a second reversal notice): unchanged.
    expect(await bodyOf(await stripe(transferEvent("transfer.reversed", b, true)), 200)).toMatchObject({ events: [{ result: "unchanged" }] });
    expect(await payoutEntries(p, b.affiliateId)).toEqual([-7_000, 7_000]);
    // transfer.created delivered late, after the reversal: not applied, kept for a person to look at.
    expect(await bodyOf(await stripe(transferEvent("transfer.created", b)), 200)).toMatchObject({ events: [{ result: "parked", reason: expect.stringMatching(/debit returned/) }] });
    expect(await itemRow(b.id)).toMatchObject({ status: "failed" });

    const tampered = await stripe(transferEvent("transfer.reversed", a, true), { tamper: (raw) => raw.replace(a.id, b.id) });
    expect(tampered.status).toBe(401);
    const old = await stripe(transferEvent("transfer.reversed", a, true), { t: Math.floor(Date.now() / 1000) - 3_600 });
    expect(old.status).toBe(401);
    const rejected = await failedEventsFor("payout-webhook:stripe_connect", "payout_webhook_rejected");
    expect(rejected.map((r) => r.reason).join("\n")).toMatch(/does not match the body[\s\S]*outside the 5-minute tolerance/);
    expect(await itemRow(a.id)).toMatchObject({ status: "paid" });
    expect(await payoutEntries(p, a.affiliateId)).toEqual([-5_000]);
  });
});

describe("PayPal payout item webhooks", () => {
  const paypal = (event: { id: string }, opts: { tamper?: (e: { resource: { payout_item: { sender_item_id: string } } }) => void } = {}) => {
    const headers = { "paypal-transmission-id": newId("event"), "paypal-transmission-time": new Date().toISOString(), "paypal-transmission-sig": paypalSig(event), "paypal-cert-url": `${provider.url}/cert.pem`, "paypal-auth-algo": "SHA256withRSA" };
    const sent = structuredClone(event) as never as { id: string; resource: { payout_item: { sender_item_id: string } } };
    opts.tamper?.(sent);
    return post("/v1/payout-webhooks/paypal", JSON.stringify(sent), headers);
  };
  const itemEvent = (type: string, item: { id: string; providerReference: string }, status: string) => ({
    id: `WH-${newId("event").slice(-12)}`, event_type: type, resource_type: "payouts_item",
    resource: { payout_item_id: `PI${item.id.slice(-8)}`, transaction_status: status, payout_batch_id: item.providerReference, payout_item: { recipient_type: "EMAIL", amount: { value: "50.00", currency: "BRL" }, sender_item_id: item.id } },
  });

  it("SUCCEEDED pays, RETURNED returns the debit once; replayed and tampered deliveries are refused and recorded", async () => {
    const { p, batchId, a, b } = await sentBatch("paypal", (n) => ({ kind: "paypal", email: `aff${n}@example.com` }));
    expect([a.status, b.status]).toEqual(["processing", "processing"]);
    const succeeded = itemEvent("PAYMENT.PAYOUTS-ITEM.SUCCEEDED", a, "SUCCESS");
    expect(await bodyOf(await paypal(succeeded), 200)).toMatchObject({ events: [{ result: "applied", itemId: a.id }] });
    expect(await itemRow(a.id)).toMatchObject({ status: "paid" });
    const returned = itemEvent("PAYMENT.PAYOUTS-ITEM.RETURNED", b, "RETURNED");
    expect(await bodyOf(await paypal(returned), 200)).toMatchObject({ events: [{ result: "applied", itemId: b.id }] });
    expect(await itemRow(b.id)).toMatchObject({ status: "failed" });
    expect(await payoutEntries(p, b.affiliateId)).toEqual([-7_000, 7_000]);
    expect(await batchStatus(batchId)).toBe("failed");

    expect(await bodyOf(await paypal(returned), 200)).toMatchObject({ events: [{ result: "duplicate" }] });
    expect((await failedEventsFor("payout-webhook:paypal", "payout_webhook_replayed")).map((r) => r.event_id)).toContain(returned.id);
    expect(await bodyOf(await paypal(itemEvent("PAYMENT.PAYOUTS-ITEM.FAILED", b, "FAILED")), 200)).toMatchObject({ events: [{ result: "unchanged" }] });
    expect(await bodyOf(await paypal(itemEvent("PAYMENT.PAYOUTS-ITEM.SUCCEEDED", a, "SUCCESS")), 200)).toMatchObject({ events: [{ result: "unchanged" }] });
    expect(await payoutEntries(p, b.affiliateId)).toEqual([-7_000, 7_000]);
    expect(await payoutEntries(p, a.affiliateId)).toEqual([-5_000]);

    const tampered = await paypal(itemEvent("PAYMENT.PAYOUTS-ITEM.FAILED", a, "FAILED"), { tamper: (e) => (e.resource.payout_item.sender_item_id = b.id) });
    expect(tampered.status).toBe(401);
    expect((await failedEventsFor("payout-webhook:paypal", "payout_webhook_rejected")).at(-1)?.reason).toMatch(/verify-webhook-signature answered FAILURE/);
    expect(provider.requests.filter((r) => r.path === "/v1/notifications/verify-webhook-signature").length).toBeGreaterThanOrEqual(6);
    expect(await itemRow(a.id)).toMatchObject({ status: "paid" });
  });

  it("SUCCEEDED marks paid only the commissions the item covers, not one approved after the batch was made", async () => {
    const { p, a } = await sentBatch("paypal", (n) => ({ kind: "paypal", email: `aff${n}@example.com` }));
    const [covered] = (await stack.db.query("SELECT commission_id FROM payout_item_commissions WHERE item_id = $1", [a.id])).rows.map((r) => r.commission_id);
    // Approved (and credited) after the batch was made, its lock over since yesterday: not in the 5,000 paid.
    const later = await earn(p, a.affiliateId, 700);
    expect(await bodyOf(await paypal(itemEvent("PAYMENT.PAYOUTS-ITEM.SUCCEEDED", a, "SUCCESS")), 200)).toMatchObject({ events: [{ result: "applied", itemId: a.id }] });
    const statuses = await stack.db.query("SELECT id, status FROM commissions WHERE tenant_id = $1 AND affiliate_id = $2 ORDER BY amount", [p.tenantId, a.affiliateId]);
    expect(statuses.rows).toEqual([{ id: later, status: "approved" }, { id: covered, status: "paid" }]);
  });
});

describe("Efí PIX callbacks", () => {
  const efi = (body: unknown, secret = EFI_SECRET, suffix = "") => post(`/v1/payout-webhooks/pix/${secret}${suffix}`, JSON.stringify(body));
  const pixEntry = (item: { idempotencyKey?: string; providerReference: string }, status: string, sendId: string) => ({
    endToEndId: item.providerReference, valor: "50.00", horario: new Date().toISOString(), status, tipo: "SOLICITACAO", gnExtras: { idEnvio: sendId },
  });

  it("REALIZADO pays, NAO_REALIZADO returns the debit once; a wrong URL secret and a replay are refused and recorded", async () => {
    const { p, batchId, a, b } = await sentBatch("pix", (n) => ({ kind: "pix", keyType: "email", key: `aff${n}@example.com` }));
    const sendIdOf = async (id: string) => String((await itemRow(id)).idempotency_key).replace(/[^A-Za-z0-9]/g, "").slice(0, 35);
    const paid = { pix: [pixEntry(a, "REALIZADO", await sendIdOf(a.id))] };
    expect(await bodyOf(await efi(paid, EFI_SECRET, "/pix"), 200)).toMatchObject({ events: [{ result: "applied", itemId: a.id }] });
    expect(await itemRow(a.id)).toMatchObject({ status: "paid" });
    const notPaid = { pix: [pixEntry(b, "NAO_REALIZADO", await sendIdOf(b.id))] };
    expect(await bodyOf(await efi(notPaid), 200)).toMatchObject({ events: [{ result: "applied", itemId: b.id }] });
    expect(await payoutEntries(p, b.affiliateId)).toEqual([-7_000, 7_000]);
    expect(await batchStatus(batchId)).toBe("failed");

    expect(await bodyOf(await efi(notPaid), 200)).toMatchObject({ events: [{ result: "duplicate" }] });
    expect((await failedEventsFor("payout-webhook:pix", "payout_webhook_replayed")).length).toBeGreaterThan(0);
    expect(await payoutEntries(p, b.affiliateId)).toEqual([-7_000, 7_000]);
    // The same payment reported again without the end-to-end id (a different event): unchanged.
    expect(await bodyOf(await efi({ pix: [{ ...paid.pix[0], endToEndId: undefined }] }), 200)).toMatchObject({ events: [{ result: "unchanged", itemId: a.id }] });

    const forged = await efi({ pix: [pixEntry(a, "NAO_REALIZADO", await sendIdOf(a.id))] }, "guessed-secret-000000000000");
    expect(forged.status).toBe(401);
    expect((await failedEventsFor("payout-webhook:pix", "payout_webhook_rejected")).at(-1)?.reason).toMatch(/secret in the URL does not match/);
    expect(await itemRow(a.id)).toMatchObject({ status: "paid" });
    expect(await payoutEntries(p, a.affiliateId)).toEqual([-5_000]);

    const unknown = await bodyOf(await efi({ pix: [{ endToEndId: "E999", status: "REALIZADO", gnExtras: { idEnvio: "nosuchsend" } }] }), 200);
    expect(unknown.events[0]).toMatchObject({ result: "parked", reason: expect.stringMatching(/no single pix payout item/) });
  });
});
