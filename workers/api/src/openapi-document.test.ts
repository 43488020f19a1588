import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi-document";

describe("OpenAPI document", () => {
  it("docs/openapi.json matches the routes (run `npm run openapi` after changing a route)", () => {
    const committed = JSON.parse(readFileSync(new URL("../../../docs/openapi.json", import.meta.url), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("declares every operation with a problem response and security", () => {
    const doc = openApiDocument();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, { responses: Record<string, unknown>; security?: unknown[] }>)) {
        expect(op.responses.default, `${method} ${path}`).toBeDefined();
        expect(op.security, `${method} ${path}`).toEqual([{ apiKey: [] }]);
      }
    }
  });
});
