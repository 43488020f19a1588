/**
 * Every ingest problem carries the request id of the request's log line, in its body and in `X-Request-Id`,
 * so a developer can quote it to support. Runs the ingest app in Node: these answers need no database. (The
 * operator endpoints compare tokens with workerd's crypto.subtle.timingSafeEqual; test/ingest-request-id.error.test.ts
 * covers them in workerd.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isId } from "../../../../core/ids";
import { createIngestApp } from "../app";

const app = createIngestApp();
const env = {};
let lines: Record<string, unknown>[] = [];

beforeEach(() => {
  lines = [];
  const keep = (text: unknown) => void lines.push(JSON.parse(String(text)) as Record<string, unknown>);
  vi.spyOn(console, "log").mockImplementation(keep);
  vi.spyOn(console, "error").mockImplementation(keep);
});
afterEach(() => vi.restoreAllMocks());

async function problemOf(path: string, init: RequestInit = {}) {
  const res = await app.request(path, { method: "POST", ...init }, env);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return { res, body: (await res.json()) as { status: number; code: string; requestId?: string } };
}

describe("ingest problems carry the request id of their log line", () => {
  const cases: [string, string, RequestInit, number][] = [
    ["browser events, empty body", "/_indica/e", { body: "" }, 400],
    ["browser events, too large", "/_indica/e", { body: "x".repeat(70 * 1024) }, 413],
    ["click, invalid fields", "/_indica/click", { body: JSON.stringify({ site: "nope", clickId: "nope" }) }, 400],
    ["S2S conversion, no credentials", "/v1/conversions", {}, 401],
    ["S2S refund, no credentials", "/v1/refunds", {}, 401],
    ["integration webhook, unknown platform", "/v1/integrations/magento/int_01JB8Z5Q3X0000000000000000", { body: "{}" }, 404],
    ["unknown path", "/nowhere", { method: "GET" }, 404],
  ];
  it.each(cases)("%s", async (_what, path, init, status) => {
    const { res, body } = await problemOf(path, init);
    expect(body.status).toBe(status);
    expect(isId("request", body.requestId)).toBe(true);
    expect(res.headers.get("x-request-id")).toBe(body.requestId);
    const log = lines.find((l) => l.worker === "ingest" && l.status === status);
    expect(log?.requestId).toBe(body.requestId);
  });

  it("keeps a well-formed id the caller sent", async () => {
    const { res, body } = await problemOf("/v1/conversions", { headers: { "x-request-id": "checkout-7f3a9c21" } });
    expect(body.requestId).toBe("checkout-7f3a9c21");
    expect(res.headers.get("x-request-id")).toBe("checkout-7f3a9c21");
  });

  it("a 5xx carries it too, and so does the error's own log line", async () => {
    // A key to verify with no database bound: the lookup throws, as an outage would.
    const { res, body } = await problemOf("/v1/conversions", { headers: { authorization: "Bearer ik_unknown" } });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(isId("request", body.requestId)).toBe(true);
    expect(res.headers.get("x-request-id")).toBe(body.requestId);
    expect(lines.filter((l) => l.level === "error").map((l) => l.requestId)).toEqual([body.requestId, body.requestId]);
  });
});
