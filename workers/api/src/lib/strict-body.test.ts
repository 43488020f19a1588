import { z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { apiOnlyDocument } from "../openapi-document";
import { strictBody, unknownBodyKeysApart } from "./strict-body";

type Schema = { $ref?: string; additionalProperties?: unknown; oneOf?: Schema[]; anyOf?: Schema[] };

describe("request bodies", () => {
  const doc = apiOnlyDocument();
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const resolve = (s: Schema): Schema => (s.$ref ? resolve(schemas[s.$ref.split("/").pop()!]) : s);
  const bodies = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>).flatMap(([method, op]) => {
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      return schema ? [{ id: `${method.toUpperCase()} ${path}`, schema: resolve(schema) }] : [];
    }),
  );

  it("every JSON body of the API refuses keys it does not have (built with strictBody)", () => {
    expect(bodies.length).toBeGreaterThan(30);
    for (const { id, schema } of bodies) {
      for (const variant of (schema.oneOf ?? schema.anyOf ?? [schema]).map(resolve)) expect(variant.additionalProperties, id).toBe(false);
    }
  });
});

describe("strictBody", () => {
  const body = strictBody({ name: z.string(), subIds: z.record(z.string(), z.string()).optional() });
  const errorsOf = (value: unknown) => unknownBodyKeysApart(body.safeParse(value).error?.issues ?? []);

  it("reports each unknown top-level key at its own path, naming the fields there are", () => {
    expect(errorsOf({ name: "a", nmae: "b", "x/y": 1 })).toEqual([
      { path: ["nmae"], message: "unknown field; this resource's fields are name, subIds" },
      { path: ["x/y"], message: "unknown field; this resource's fields are name, subIds" },
    ]);
  });

  it("keeps free-form maps free and other errors as they were", () => {
    expect(body.safeParse({ name: "a", subIds: { anything: "goes" } }).success).toBe(true);
    expect(errorsOf({ name: 1 }).map((i) => i.path)).toEqual([["name"]]);
  });

  it("names the keys when the object is inside another (an item of a list)", () => {
    const list = strictBody({ items: z.array(body) });
    const issues = unknownBodyKeysApart(list.safeParse({ items: [{ name: "a", nome: "b" }] }).error?.issues ?? []);
    expect(issues).toEqual([expect.objectContaining({ path: ["items", 0], message: 'unknown field "nome"; the fields here are name, subIds' })]);
  });
});
