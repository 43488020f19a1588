import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { registerIngestOperations, TRACKING_POST_PATHS } from "./ingest-operations";

describe("the tracking host's operations", () => {
  it("are the POST paths the API host points callers to (core/http/other-host.ts)", () => {
    const app = new OpenAPIHono();
    registerIngestOperations(app.openAPIRegistry);
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } });
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) => Object.keys(item ?? {}).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(TRACKING_POST_PATHS.map((p) => `POST ${p}`).sort());
  });
});
