/**
 * A path of this host asked with another method is a 405 with `Allow`, not a 404; GET /v1/conversions (the
 * API host's read of orders) says where orders are read. Runs the ingest app in Node: no database is reached.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createIngestApp } from "./app";

const app = createIngestApp();
beforeEach(() => void vi.spyOn(console, "log").mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

async function answer(method: string, path: string) {
  const res = await app.request(path, { method }, {});
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return { res, body: (await res.json()) as { status: number; code: string; detail?: string; instance?: string } };
}

describe("the tracking host on a method or path it does not take", () => {
  it("answers GET /v1/conversions with 405, Allow: POST and the way to the API host", async () => {
    const { res, body } = await answer("GET", "/v1/conversions");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(body).toMatchObject({ status: 405, code: "method_not_allowed", instance: "/v1/conversions" });
    expect(body.detail).toContain("this path answers POST");
    expect(body.detail).toContain("Orders are read on the API host: GET /v1/conversions");
  });

  it("answers a wrong method on its other POST paths with 405 and Allow", async () => {
    for (const path of ["/v1/conversions/batch", "/v1/refunds"]) {
      const { res, body } = await answer("GET", path);
      expect([res.status, res.headers.get("allow")], path).toEqual([405, "POST"]);
      expect(body.detail, path).toBe("GET is not allowed here; this path answers POST.");
    }
  });

  it("answers /v1 paths of the API host with 404 and a detail naming the API host", async () => {
    const { res, body } = await answer("GET", "/v1/links");
    expect(res.status).toBe(404);
    expect(body.detail).toMatch(/the rest of \/v1 is on the API host/);
    expect((await answer("GET", "/v1/conversions/cnv_01JB8Z5Q3X0000000000000000")).body.detail).toMatch(/^Orders are read on the API host/);
  });

  it("leaves other unknown paths a 404 without a hint", async () => {
    const { res, body } = await answer("GET", "/nowhere");
    expect([res.status, body.detail]).toEqual([404, undefined]);
  });
});
