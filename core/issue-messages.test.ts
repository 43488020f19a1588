import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rateSchema } from "./commission/rules";
import { readableIssues } from "./issue-messages";

/** The messages of a failed parse, by path: run on zod's real issues so an upgrade that changes them shows here. */
const messages = (schema: z.ZodType, input: unknown) => Object.fromEntries(readableIssues(schema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join("/"), i.message]));

describe("field error messages", () => {
  it("say a missing field is required, whatever its type", () => {
    const body = z.object({ name: z.string(), amount: z.number(), tags: z.array(z.string()), base: rateSchema, prop: z.union([z.string(), z.number()]) });
    expect(messages(body, {})).toEqual({
      name: "required: expected a string",
      amount: "required: expected a number",
      tags: "required: expected an array",
      base: "required: expected an object",
      prop: "required: expected a string or a number",
    });
  });

  it("say a query number that is not one is expected to be a number, not NaN", () => {
    const query = z.object({ limit: z.coerce.number().int().min(1).max(200), page: z.coerce.number().int() });
    expect(messages(query, { limit: "abc", page: "1.5" })).toEqual({ limit: "expected a number", page: "expected an integer, received a number" });
    expect(messages(query, { limit: "0", page: "1" })).toEqual({ limit: "must be at least 1" });
    expect(messages(query, { limit: "201", page: "1" })).toEqual({ limit: "must be at most 200" });
  });

  it("name a union's accepted kinds, or the errors of the one member the input nearly matched", () => {
    const rules = z.object({ base: rateSchema });
    expect(messages(rules, { base: { type: "percent", bp: 1000 } })).toEqual({ "base/type": 'expected one of "percentage", "flat"' });
    expect(messages(rules, { base: { type: "percentage" } })).toEqual({ "base/bp": "required: expected a number" });
    expect(messages(rules, { base: 5 })).toEqual({ base: "expected an object" });
    expect(messages(z.object({ p: z.union([z.string(), z.number(), z.boolean()]) }), { p: null })).toEqual({ p: "expected a string, a number or a boolean" });
    const mixed = z.union([z.string(), z.object({ kind: z.literal("x") })]);
    expect(messages(mixed, { kind: "y" })).toEqual({ "": 'expected a string or an object with "kind": "x"' });
    expect(messages(mixed, 5)).toEqual({ "": "expected a string or an object" });
    const model = z.object({ m: z.discriminatedUnion("kind", [z.object({ kind: z.literal("linear") }), z.object({ kind: z.literal("time_decay"), halfLifeHours: z.number() })]) });
    expect(messages(model, { m: { kind: "nope" } })).toEqual({ "m/kind": 'expected one of "linear", "time_decay"' });
    expect(messages(model, { m: { kind: "time_decay" } })).toEqual({ "m/halfLifeHours": "required: expected a number" });
  });

  it("give enums, literals and lengths in the same voice", () => {
    const body = z.object({ status: z.enum(["active", "paused"]), v: z.literal(1), name: z.string().min(1).max(3), code: z.string().length(2), items: z.array(z.number()).max(1) });
    expect(messages(body, { status: "x", v: 2, name: "", code: "abc", items: [1, 2] })).toEqual({
      status: 'expected one of "active", "paused"',
      v: "expected 1",
      name: "must not be empty",
      code: "must have exactly 2 characters",
      items: "must have at most 1 item",
    });
    expect(messages(body, { status: "active", v: 1, name: "abcd", code: "ab", items: [] })).toEqual({ name: "must have at most 3 characters" });
  });

  it("keep a schema's own message", () => {
    const id = z.object({ id: z.string({ error: "expected a link id (lnk_...)" }).refine((v) => v.startsWith("lnk_"), "expected a link id (lnk_...)"), n: z.number().min(1, "at least one") });
    expect(messages(id, { id: "x", n: 0 })).toEqual({ id: "expected a link id (lnk_...)", n: "at least one" });
    expect(messages(id, { n: 1 })).toEqual({ id: "expected a link id (lnk_...)" });
  });
});
