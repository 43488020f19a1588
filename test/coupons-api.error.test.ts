/**
 * The coupons resource refusing what it must: malformed codes and ids (400 with field pointers), a code
 * taken in any case (409), affiliates and campaigns that are unknown, of another tenant or not approved
 * (422), and affiliate users reading others' coupons or changing any (404, 403).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { expectFieldErrors, expectProblem } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { addAffiliate } from "./helpers/ingest-fixtures";
import { bodyOf, programApi } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let p: SeededProgram;
let api: ReturnType<typeof programApi>;
beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack);
  api = programApi(stack, p.apiKey);
});
afterAll(() => stack?.close());

let codes = 0;
const uniqueCode = (name = "CUPOM") => `${name}-${p.tenantId.slice(-6)}-${++codes}`;
const couponFor = (extra: Record<string, unknown> = {}) => ({ code: uniqueCode(), affiliateId: p.affiliateId, campaignId: p.campaignId, ...extra });

describe("POST /v1/coupons validation", () => {
  it("lists every missing field in one problem", async () => {
    await expectFieldErrors(await api.post("/v1/coupons", {}), ["/body/code", "/body/affiliateId", "/body/campaignId"]);
  });

  it.each([
    ["too short once trimmed", "  A "],
    ["too long", "A".repeat(65)],
    ["a space inside", "MARIA 10"],
    ["accented letters", "VERÃO10"],
    ["a NUL byte", "MARIA\u000010"],
    ["a number instead of text", 1010],
  ])("refuses a code with %s", async (_, code) => {
    const problem = await expectFieldErrors(await api.post("/v1/coupons", couponFor({ code })), ["/body/code"]);
    expect(problem.errors?.map((e) => e.pointer)).toEqual(["/body/code"]);
  });

  it("refuses ids of the wrong kind", async () => {
    await expectFieldErrors(await api.post("/v1/coupons", couponFor({ affiliateId: p.campaignId, campaignId: "cmp_nope" })), ["/body/affiliateId", "/body/campaignId"]);
  });

  it("refuses a body that is not JSON", async () => {
    const res = await stack.fetch("indica-api", "https://api.indica.test/v1/coupons", { method: "POST", headers: { authorization: `Bearer ${p.apiKey}`, "content-type": "application/json" }, body: "{code:" });
    await expectProblem(res, 400, "bad_request");
  });
});

describe("POST /v1/coupons conflicts and references", () => {
  it("refuses a code already taken, whatever its case or surrounding spaces, naming the field", async () => {
    const code = uniqueCode("Maria");
    await bodyOf(await api.post("/v1/coupons", couponFor({ code })), 201);
    for (const again of [code.toUpperCase(), ` ${code.toLowerCase()} `]) {
      const problem = await expectProblem(await api.post("/v1/coupons", couponFor({ code: again })), 409, "conflict");
      expect(problem.detail).toContain("already a coupon");
      expect(problem.errors).toEqual([{ pointer: "/body/code", detail: problem.detail }]);
    }
  });

  it("keeps the code of a disabled coupon taken", async () => {
    const created = await bodyOf(await api.post("/v1/coupons", couponFor()), 201);
    await bodyOf(await api.patch(`/v1/coupons/${created.id}`, { status: "disabled" }), 200);
    await expectProblem(await api.post("/v1/coupons", couponFor({ code: created.code })), 409, "conflict");
  });

  it("refuses unknown affiliates and campaigns, and another tenant's", async () => {
    const other = await seedTestProgram(stack);
    for (const [body, pointer] of [
      [couponFor({ affiliateId: newId("affiliate") }), "/body/affiliateId"],
      [couponFor({ affiliateId: other.affiliateId }), "/body/affiliateId"],
      [couponFor({ campaignId: newId("campaign") }), "/body/campaignId"],
      [couponFor({ campaignId: other.campaignId }), "/body/campaignId"],
    ] as const) {
      const problem = await expectProblem(await api.post("/v1/coupons", body), 422, "unprocessable");
      expect(problem.errors?.[0].pointer).toBe(pointer);
    }
    expect((await stack.db.query("SELECT 1 FROM coupons WHERE tenant_id = $1 AND affiliate_id = $2", [p.tenantId, other.affiliateId])).rowCount).toBe(0);
  });

  it("refuses affiliates not approved in the campaign (pending, rejected or never joined) without admitting them", async () => {
    const pending = await addAffiliate(stack, p, "Pendente");
    await stack.db.query("UPDATE campaign_memberships SET status = 'pending' WHERE affiliate_id = $1", [pending]);
    const rejected = await addAffiliate(stack, p, "Recusado");
    await stack.db.query("UPDATE campaign_memberships SET status = 'rejected' WHERE affiliate_id = $1", [rejected]);
    const outsider = newId("affiliate");
    await stack.db.query("INSERT INTO affiliates (id, tenant_id, name, email) VALUES ($1, $2, 'Fora', $3)", [outsider, p.tenantId, `${outsider.toLowerCase()}@example.com`]);
    for (const affiliateId of [pending, rejected, outsider]) {
      const problem = await expectProblem(await api.post("/v1/coupons", couponFor({ affiliateId })), 422, "unprocessable");
      expect(problem.detail).toBe("The affiliate is not an approved member of this campaign.");
    }
    expect((await stack.db.query("SELECT 1 FROM campaign_memberships WHERE affiliate_id = $1", [outsider])).rowCount).toBe(0);
  });

  it("refuses a suspended affiliate and an archived campaign", async () => {
    const suspended = await addAffiliate(stack, p, "Suspenso");
    await stack.db.query("UPDATE affiliates SET status = 'suspended' WHERE id = $1", [suspended]);
    await expectProblem(await api.post("/v1/coupons", couponFor({ affiliateId: suspended })), 422, "unprocessable");
    const archived = await seedTestProgram(stack);
    await stack.db.query("UPDATE campaigns SET status = 'archived' WHERE id = $1", [archived.campaignId]);
    const problem = await expectProblem(await programApi(stack, archived.apiKey).post("/v1/coupons", { code: uniqueCode(), affiliateId: archived.affiliateId, campaignId: archived.campaignId }), 422, "unprocessable");
    expect(problem.detail).toBe("The campaign is archived.");
  });
});

describe("reading and changing coupons", () => {
  it("answers 404 for unknown ids and 400 for malformed ones, filters and bodies", async () => {
    await expectProblem(await api.get(`/v1/coupons/${newId("coupon")}`), 404, "not_found");
    await expectProblem(await api.patch(`/v1/coupons/${newId("coupon")}`, { status: "disabled" }), 404, "not_found");
    await expectFieldErrors(await api.get("/v1/coupons/lnk_01JB8Z5Q3X0000000000000000"), ["/param/id"]);
    await expectFieldErrors(await api.get("/v1/coupons?code=a%20b&affiliateId=x&status=gone&limit=0"), ["/query/code", "/query/affiliateId", "/query/status", "/query/limit"]);
    const created = await bodyOf(await api.post("/v1/coupons", couponFor()), 201);
    await expectFieldErrors(await api.patch(`/v1/coupons/${created.id}`, {}), ["/body/status"]);
    await expectFieldErrors(await api.patch(`/v1/coupons/${created.id}`, { status: "paused" }), ["/body/status"]);
    const extra = await expectProblem(await api.patch(`/v1/coupons/${created.id}`, { status: "disabled", code: "NOVO" }), 400, "validation_failed");
    expect(extra.errors?.length).toBeGreaterThan(0);
  });

  it("shows affiliate users only their own coupons and lets them change none", async () => {
    const other = await addAffiliate(stack, p);
    const mine = await bodyOf(await api.post("/v1/coupons", couponFor()), 201);
    const theirs = await bodyOf(await api.post("/v1/coupons", couponFor({ affiliateId: other })), 201);
    const affiliate = programApi(stack, await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId }));

    const listed = (await bodyOf(await affiliate.get(`/v1/coupons?affiliateId=${other}`), 200)).items;
    expect(listed).toEqual([]);
    expect((await bodyOf(await affiliate.get("/v1/coupons"), 200)).items.map((c: { affiliateId: string }) => c.affiliateId)).not.toContain(other);
    await expectProblem(await affiliate.get(`/v1/coupons/${theirs.id}`), 404, "not_found");
    await expectProblem(await affiliate.post("/v1/coupons", couponFor()), 403, "forbidden");
    await expectProblem(await affiliate.patch(`/v1/coupons/${mine.id}`, { status: "disabled" }), 403, "forbidden");
    expect((await bodyOf(await api.get(`/v1/coupons/${mine.id}`), 200)).status).toBe("active");
  });

  it("refuses analysts and keys without links:write the changes", async () => {
    const analyst = programApi(stack, await tokenFor(stack, p.tenantId, "analyst"));
    await expectProblem(await analyst.post("/v1/coupons", couponFor()), 403, "forbidden");
    const created = await bodyOf(await api.post("/v1/coupons", couponFor()), 201);
    await expectProblem(await analyst.patch(`/v1/coupons/${created.id}`, { status: "disabled" }), 403, "forbidden");
  });
});
