/**
 * Bad input to the campaigns operations: every field error is a 400 problem pointing at the field
 * (JSON settings included), unknown top-level fields are ignored, unknown settings keys refused, and
 * nothing a client sends turns into a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors, expectProblem } from "./helpers/api";
import { newCampaign, programApi } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let key: string;
let campaignPath: string;
beforeAll(async () => {
  stack = await startTestStack();
  const p = await seedTestProgram(stack);
  key = p.apiKey;
  campaignPath = `/v1/campaigns/${p.campaignId}`;
});
afterAll(() => stack?.close());

const rate = { type: "percentage", bp: 1000 };

describe("field errors on POST and PATCH", () => {
  it.each([
    ["a missing name and destination", {}, ["/body/name", "/body/destinationUrl"]],
    ["an unknown status", { status: "deleted" }, ["/body/status"]],
    ["an unknown currency", { currency: "XXX" }, ["/body/currency"]],
    ["negative windows", { attributionWindowDays: -1, cookieLifetimeDays: 0, dedupWindowSeconds: -5, lockDays: -1 }, ["/body/attributionWindowDays", "/body/cookieLifetimeDays", "/body/dedupWindowSeconds", "/body/lockDays"]],
    ["fractional and huge numbers", { attributionWindowDays: 1.5, lockDays: 1e20 }, ["/body/attributionWindowDays", "/body/lockDays"]],
    ["an unknown attribution model", { attributionModel: { kind: "middle_click" } }, ["/body/attributionModel/kind"]],
    ["a bad model parameter", { attributionModel: { kind: "time_decay", halfLifeHours: -1 } }, ["/body/attributionModel/halfLifeHours"]],
    ["rules without a base rate", { commissionRules: { firstOrder: rate } }, ["/body/commissionRules/base"]],
    ["a negative rate", { commissionRules: { base: { type: "percentage", bp: -1 } } }, ["/body/commissionRules/base/bp"]],
    ["rules that are not an object", { commissionRules: "10%" }, ["/body/commissionRules"]],
    ["a misspelt rules key", { commissionRules: { base: rate, firstorder: rate } }, ["/body/commissionRules"]],
    ["a NUL in a product key", { commissionRules: { base: rate, products: { "sku\u0000": rate } } }, ["/body/commissionRules"]],
    ["fraud settings out of range", { fraudSettings: { flagThreshold: 500 } }, ["/body/fraudSettings/flagThreshold"]],
    ["an unknown fraud setting", { fraudSettings: { ipPerMinut: 5 } }, ["/body/fraudSettings"]],
    ["an unknown conflict rule value", { conflictRules: { linkVsCoupon: "coupon_last", ties: "random" } }, ["/body/conflictRules/linkVsCoupon", "/body/conflictRules/ties"]],
    ["a misspelt conflict rule", { conflictRules: { selfReferal: "exclude" } }, ["/body/conflictRules"]],
    ["conflict rules that are not an object", { conflictRules: "coupon_first" }, ["/body/conflictRules"]],
    ["a name with a control character", { name: "a\u0000b" }, ["/body/name"]],
    ["a destination that is not http(s)", { destinationUrl: "javascript:alert(1)" }, ["/body/destinationUrl"]],
    ["nulls", { name: null, status: null }, ["/body/name", "/body/status"]],
  ])("%s", async (_, body, pointers) => {
    const api = programApi(stack, key);
    await expectFieldErrors(await api.post("/v1/campaigns", body), pointers);
    // PATCH takes every field as optional, so an empty body is fine there.
    if (Object.keys(body).length) await expectFieldErrors(await api.patch(campaignPath, body), pointers);
  });

  it("refuses unknown top-level fields, pointing at each (a misspelt setting must not become a default)", async () => {
    const res = await programApi(stack, key).post("/v1/campaigns", { ...newCampaign(), cookieDomain: "loja.example", tracking: { on: true } });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toEqual(["/body/cookieDomain", "/body/tracking"]);
  });
});

describe("requests that are not what they claim", () => {
  it.each([
    ["a body that is not JSON", "{name:", 400],
    ["a JSON array", "[]", 400],
    ["a JSON string", '"campaign"', 400],
  ])("%s on POST is a 400 problem", async (_, body, status) => {
    const res = await callApi(stack, "POST", "/v1/campaigns", { key, body });
    const { code } = (await res.clone().json()) as { code: string };
    expect(["bad_request", "validation_failed"]).toContain(code);
    await expectProblem(res, status, code);
  });

  it("a body sent as text/plain is 415 or 400, never a 500", async () => {
    const res = await callApi(stack, "PATCH", campaignPath, { key, body: "{}", headers: { "content-type": "text/plain" } });
    expect([400, 415]).toContain(res.status);
    await res.arrayBuffer();
  });
});

describe("ids and queries", () => {
  it("a malformed id points at the path parameter; an unknown one is 404", async () => {
    const api = programApi(stack, key);
    await expectFieldErrors(await api.get("/v1/campaigns/lnk_01JB8Z5Q3X0000000000000000"), ["/param/id"]);
    await expectFieldErrors(await api.patch("/v1/campaigns/nope", { name: "x" }), ["/param/id"]);
    await expectProblem(await api.get("/v1/campaigns/cmp_01JB8Z5Q3X0000000000000000"), 404, "not_found");
    await expectProblem(await api.patch("/v1/campaigns/cmp_01JB8Z5Q3X0000000000000000", { name: "x" }), 404, "not_found");
  });

  it("bad filters and page parameters point at the query", async () => {
    await expectFieldErrors(await programApi(stack, key).get("/v1/campaigns?status=gone&limit=0&cursor=abc"), ["/query/status", "/query/limit", "/query/cursor"]);
  });
});
