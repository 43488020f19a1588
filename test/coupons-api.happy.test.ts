/**
 * The coupons resource on the happy path: a merchant gives an affiliate a code, finds it again by id and
 * by filters, disables and re-enables it; and end to end, an order sent to the ingest Worker with a code
 * made through the API is credited to its affiliate, while an order after the code was disabled is not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { couponSchema } from "../workers/api/src/routes/v1/coupons/schema";
import { callApi } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { addAffiliate } from "./helpers/ingest-fixtures";
import { bodyOf, programApi } from "./helpers/programs";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { conversionOf, orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** A coupon response checked against the published Coupon schema, with no extra fields. */
async function couponBody(res: Response, status: number) {
  const body = await bodyOf(res, status);
  expect(couponSchema.safeParse(body).error).toBeUndefined();
  expect(Object.keys(body).sort()).toEqual(Object.keys(couponSchema.shape).sort());
  expect(body.id).toMatch(/^cpn_[0-9A-Z]{26}$/);
  return body as ReturnType<typeof couponSchema.parse>;
}

const codeFor = (p: SeededProgram, name: string) => `${name}-${p.tenantId.slice(-6)}`;

describe("POST /v1/coupons", () => {
  it("creates the coupon with the code trimmed and its case kept, and says where it lives", async () => {
    const p = await seedTestProgram(stack);
    const code = codeFor(p, "Maria10");
    const res = await programApi(stack, p.apiKey).post("/v1/coupons", { code: `  ${code} `, affiliateId: p.affiliateId, campaignId: p.campaignId });
    const coupon = await couponBody(res, 201);
    expect(coupon).toMatchObject({ code, affiliateId: p.affiliateId, campaignId: p.campaignId, status: "active", disabledAt: null });
    expect(res.headers.get("location")).toBe(`/v1/coupons/${coupon.id}`);
    const stored = await stack.db.query("SELECT tenant_id, code FROM coupons WHERE id = $1", [coupon.id]);
    expect(stored.rows).toEqual([{ tenant_id: p.tenantId, code }]);
  });

  it("answers a retry with the same Idempotency-Key with the first coupon, creating one", async () => {
    const p = await seedTestProgram(stack);
    const body = { code: codeFor(p, "RETRY"), affiliateId: p.affiliateId, campaignId: p.campaignId };
    const headers = { "idempotency-key": `coupon-${p.tenantId}` };
    const first = await couponBody(await callApi(stack, "POST", "/v1/coupons", { key: p.apiKey, body, headers }), 201);
    const again = await couponBody(await callApi(stack, "POST", "/v1/coupons", { key: p.apiKey, body, headers }), 201);
    expect(again.id).toBe(first.id);
    expect((await stack.db.query("SELECT 1 FROM coupons WHERE tenant_id = $1", [p.tenantId])).rowCount).toBe(1);
  });

  it("lets affiliate managers create coupons", async () => {
    const p = await seedTestProgram(stack);
    const manager = await tokenFor(stack, p.tenantId, "affiliate_manager");
    await couponBody(await programApi(stack, manager).post("/v1/coupons", { code: codeFor(p, "MGR"), affiliateId: p.affiliateId, campaignId: p.campaignId }), 201);
  });
});

describe("GET /v1/coupons and /v1/coupons/{id}", () => {
  it("finds coupons by id, affiliate, campaign and code in any case, a page at a time", async () => {
    const p = await seedTestProgram(stack);
    const other = await addAffiliate(stack, p);
    const api = programApi(stack, p.apiKey);
    const ana = await couponBody(await api.post("/v1/coupons", { code: codeFor(p, "ANA"), affiliateId: p.affiliateId, campaignId: p.campaignId }), 201);
    const joao = await couponBody(await api.post("/v1/coupons", { code: codeFor(p, "JOAO"), affiliateId: other, campaignId: p.campaignId }), 201);

    expect(await couponBody(await api.get(`/v1/coupons/${ana.id}`), 200)).toEqual(ana);
    expect((await bodyOf(await api.get("/v1/coupons"), 200)).items).toEqual([ana, joao]);
    expect((await bodyOf(await api.get(`/v1/coupons?affiliateId=${other}`), 200)).items).toEqual([joao]);
    expect((await bodyOf(await api.get(`/v1/coupons?campaignId=${p.campaignId}`), 200)).items).toEqual([ana, joao]);
    expect((await bodyOf(await api.get(`/v1/coupons?code=${ana.code.toLowerCase()}`), 200)).items).toEqual([ana]);

    const first = await bodyOf(await api.get("/v1/coupons?limit=1"), 200);
    expect(first).toEqual({ items: [ana], nextCursor: ana.id });
    expect(await bodyOf(await api.get(`/v1/coupons?limit=1&cursor=${first.nextCursor}`), 200)).toEqual({ items: [joao], nextCursor: null });
  });

  it("lets analysts read coupons, and shows affiliate users their own", async () => {
    const p = await seedTestProgram(stack);
    const other = await addAffiliate(stack, p);
    const api = programApi(stack, p.apiKey);
    const mine = await couponBody(await api.post("/v1/coupons", { code: codeFor(p, "MINE"), affiliateId: p.affiliateId, campaignId: p.campaignId }), 201);
    await couponBody(await api.post("/v1/coupons", { code: codeFor(p, "THEIRS"), affiliateId: other, campaignId: p.campaignId }), 201);

    const analyst = programApi(stack, await tokenFor(stack, p.tenantId, "analyst"));
    expect((await bodyOf(await analyst.get("/v1/coupons"), 200)).items).toHaveLength(2);
    const affiliate = programApi(stack, await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId }));
    expect((await bodyOf(await affiliate.get("/v1/coupons"), 200)).items).toEqual([mine]);
    expect(await couponBody(await affiliate.get(`/v1/coupons/${mine.id}`), 200)).toEqual(mine);
  });
});

describe("PATCH /v1/coupons/{id}", () => {
  it("disables a coupon (listed under status=disabled) and enables it again", async () => {
    const p = await seedTestProgram(stack);
    const api = programApi(stack, p.apiKey);
    const coupon = await couponBody(await api.post("/v1/coupons", { code: codeFor(p, "OFF"), affiliateId: p.affiliateId, campaignId: p.campaignId }), 201);
    const disabled = await couponBody(await api.patch(`/v1/coupons/${coupon.id}`, { status: "disabled" }), 200);
    expect(disabled).toMatchObject({ id: coupon.id, status: "disabled", disabledAt: expect.any(String) });
    // Disabling twice keeps the first moment: orders between the two stay unmatched either way.
    expect((await couponBody(await api.patch(`/v1/coupons/${coupon.id}`, { status: "disabled" }), 200)).disabledAt).toBe(disabled.disabledAt);
    expect((await bodyOf(await api.get("/v1/coupons?status=disabled"), 200)).items).toEqual([disabled]);
    expect((await bodyOf(await api.get("/v1/coupons?status=active"), 200)).items).toEqual([]);
    expect(await couponBody(await api.patch(`/v1/coupons/${coupon.id}`, { status: "active" }), 200)).toEqual(coupon);
  });
});

describe("a coupon made through the API, end to end", () => {
  const waitForConversion = (p: SeededProgram, order: string) => waitFor(() => conversionOf(stack, p.tenantId, order), 20_000, `conversion ${order}`);

  it("credits a server-side order using it to its affiliate; once disabled, new orders with it match no one", async () => {
    const p = await seedTestProgram(stack);
    const owner = await addAffiliate(stack, p);
    const api = programApi(stack, p.apiKey);
    const coupon = await couponBody(await api.post("/v1/coupons", { code: codeFor(p, "Verao15"), affiliateId: owner, campaignId: p.campaignId }), 201);

    const order = orderId();
    const sent = await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 20_000, currency: "BRL", coupon: coupon.code.toLowerCase() });
    expect(sent.status, await sent.clone().text()).toBe(202);
    const row = await waitForConversion(p, order);
    expect(row).toMatchObject({ identity_source: "coupon", matched_click_id: null, matched_affiliate_id: owner });
    const commission = await waitFor(async () => (await stack.db.query("SELECT affiliate_id, campaign_id FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rows[0], 20_000, "the commission");
    expect(commission).toEqual({ affiliate_id: owner, campaign_id: p.campaignId });

    await couponBody(await api.patch(`/v1/coupons/${coupon.id}`, { status: "disabled" }), 200);
    const later = orderId();
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: later, amount: 20_000, currency: "BRL", coupon: coupon.code })).status).toBe(202);
    expect(await waitForConversion(p, later)).toMatchObject({ matched_affiliate_id: null });
    // The earlier order keeps its affiliate and commission.
    expect(await conversionOf(stack, p.tenantId, order)).toMatchObject({ identity_source: "coupon", matched_affiliate_id: owner });
  });

  it("holds a coupon-only order for review by default, and not in a campaign that trusts coupon-only orders", async () => {
    const p = await seedTestProgram(stack);
    const owner = await addAffiliate(stack, p);
    const api = programApi(stack, p.apiKey);
    const coupon = await couponBody(await api.post("/v1/coupons", { code: codeFor(p, "Podcast"), affiliateId: owner, campaignId: p.campaignId }), 201);
    const orderWith = async () => {
      const order = orderId();
      expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", coupon: coupon.code })).status).toBe(202);
      return waitForConversion(p, order);
    };
    expect(await orderWith()).toMatchObject({ flagged: true, fraud_reasons: ["leaked_coupon"] });

    await bodyOf(await api.patch(`/v1/campaigns/${p.campaignId}`, { fraudSettings: { couponOnlyOrders: "trust" } }), 200);
    expect(await orderWith()).toMatchObject({ flagged: false, fraud_reasons: [], matched_affiliate_id: owner });
  });
});
