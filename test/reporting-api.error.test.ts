/** Bad filters, dates and bodies on the links, conversions, balances and reports operations: 400 problems pointing at each field, never a 5xx. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, expectFieldErrors, expectProblem } from "./helpers/api";
import { placeOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let p: SeededProgram;
beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack);
});
afterAll(() => stack?.close());

const get = (path: string) => callApi(stack, "GET", path, { key: p.apiKey });
const send = (method: string, path: string, body: unknown) => callApi(stack, method, path, { key: p.apiKey, body });

describe("query filters", () => {
  it.each([
    ["/v1/reports/summary?groupBy=week", ["/query/groupBy"]],
    ["/v1/reports/summary?from=2026-02-30", ["/query/from"]],
    ["/v1/reports/summary?from=26-1-1&to=tomorrow", ["/query/from", "/query/to"]],
    ["/v1/reports/summary?from=2026-12-01&to=2026-11-01", ["/query/to"]],
    ["/v1/reports/summary?from=2020-01-01&to=2026-01-01", ["/query/from"]],
    ["/v1/reports/summary?groupBy=subId&subIdKey=sub9&campaignId=aff_01JB8Z5Q3X0000000000000000", ["/query/subIdKey", "/query/campaignId"]],
    ["/v1/conversions?from=yesterday&to=2026-13-01&status=shipped", ["/query/from", "/query/to", "/query/status"]],
    ["/v1/conversions?limit=0&cursor=' OR 1=1--&affiliateId=cmp_01JB8Z5Q3X0000000000000000", ["/query/limit", "/query/cursor", "/query/affiliateId"]],
    [`/v1/conversions?orderId=${"x".repeat(200)}`, ["/query/orderId"]],
    ["/v1/conversions/cnv_nope", ["/param/id"]],
    ["/v1/commissions/nope", ["/param/id"]],
    ["/v1/links?status=archived&campaignId=x", ["/query/status", "/query/campaignId"]],
    ["/v1/balances?affiliateId=x&limit=201", ["/query/affiliateId", "/query/limit"]],
    ["/v1/payouts?cursor=led_short", ["/query/cursor"]],
    // These two took any text as a cursor: a NUL byte came back as a 422 "the database refused a value".
    ["/v1/commissions?cursor=%00", ["/query/cursor"]],
    ["/v1/fraud/review?kind=conversion&cursor=%00", ["/query/cursor"]],
  ])("%s", async (path, pointers) => {
    await expectFieldErrors(await get(path), pointers);
  });

  it("odd values never make a 5xx", async () => {
    for (const value of ["0000-00-00", "9999-12-31", "2026-11-23T25:00:00Z", "2026-11-23T10:00:00", "%00", "\u0000", "1e309", "2026-11-23%20", "-1", "[]"]) {
      for (const path of ["/v1/reports/summary?from=", "/v1/reports/summary?to=", "/v1/conversions?from=", "/v1/conversions?to=", "/v1/conversions?orderId="]) {
        const res = await get(`${path}${encodeURIComponent(value)}`);
        expect(res.status, `${path}${value}: ${await res.text()}`).toBeLessThan(500);
      }
    }
  });
});

describe("bodies", () => {
  it("a status change names only forward statuses", async () => {
    const order = await placeOrder(stack, p, { amount: 1_000 });
    await expectFieldErrors(await send("POST", `/v1/conversions/${order.id}/status`, { status: "placed" }), ["/body/status"]);
    await expectFieldErrors(await send("POST", `/v1/conversions/${order.id}/status`, {}), ["/body/status"]);
    await expectProblem(await send("POST", `/v1/conversions/cnv_01JB8Z5Q3X0000000000000000/status`, { status: "paid" }), 404, "not_found");
  });

  it("a link change must change something valid", async () => {
    await expectFieldErrors(await send("PATCH", `/v1/links/${p.linkId}`, {}), ["/body"]);
    await expectFieldErrors(await send("PATCH", `/v1/links/${p.linkId}`, { destinationUrl: "javascript:alert(1)", status: "archived", subIds: { sub9: "x" } }), [
      "/body/destinationUrl",
      "/body/status",
      "/body/subIds/sub9",
    ]);
    await expectProblem(await send("PATCH", "/v1/links/lnk_01JB8Z5Q3X0000000000000000", { status: "disabled" }), 404, "not_found");
  });

  it("a bulk request holds 1 to 500 links with distinct codes, each naming its affiliate", async () => {
    const link = { campaignId: p.campaignId, affiliateId: p.affiliateId };
    await expectFieldErrors(await send("POST", "/v1/links/bulk", { links: [] }), ["/body/links"]);
    await expectFieldErrors(await send("POST", "/v1/links/bulk", { links: Array(501).fill(link) }), ["/body/links"]);
    await expectFieldErrors(await send("POST", "/v1/links/bulk", { links: [{ ...link, code: "same" }, { ...link, code: "same" }] }), ["/body/links/1/code"]);
    await expectFieldErrors(await send("POST", "/v1/links/bulk", { links: [link, { campaignId: p.campaignId }, { affiliateId: p.affiliateId }] }), [
      "/body/links/1/affiliateId",
      "/body/links/2/campaignId",
    ]);
    await expectFieldErrors(await send("POST", "/v1/links", { campaignId: p.campaignId }), ["/body/affiliateId"]);
  });
});
