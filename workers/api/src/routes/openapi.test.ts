import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createApiApp } from "../app";

type Doc = { paths: Record<string, Record<string, { servers?: { url: string }[] }>>; servers: { url: string }[] };

describe("GET /openapi.json", () => {
  it("serves the product document, docs/openapi.json, with the tracking host's operations on their own server", async () => {
    const res = await createApiApp().request("/openapi.json", {}, {});
    expect(res.status).toBe(200);
    const served = (await res.json()) as Doc;
    expect(served).toEqual(JSON.parse(readFileSync(new URL("../../../../docs/openapi.json", import.meta.url), "utf8")));
    expect(served.servers).toEqual([{ url: "/" }]);
    for (const [path, method] of [["/v1/conversions", "post"], ["/v1/conversions/batch", "post"], ["/v1/refunds", "post"], ["/_indica/e", "post"]]) {
      expect(served.paths[path]?.[method]?.servers?.[0].url, `${method} ${path}`).toBe("{ingest}");
    }
    // The API's own read of orders stays on the API host.
    expect(served.paths["/v1/conversions"].get.servers).toBeUndefined();
  });
});
