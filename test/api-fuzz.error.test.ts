/**
 * Fuzzed requests to every operation of the OpenAPI document: random JSON, valid bodies with one field
 * replaced by something hostile, garbage paths and queries, non-JSON bodies. Whatever arrives, the answer
 * is a 2xx or an RFC 9457 problem, never a 500. The seed is fixed so a failure can be replayed.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "./helpers/auth";
import { operations, sample, urlFor, type Operation } from "./helpers/openapi-operations";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

const RUNS_PER_OPERATION = 25;
let stack: TestStack;
let owner: string;
let apiKey: string;
let ids: Record<string, string>;

beforeAll(async () => {
  // Thousands of requests from two callers: the per-key limit would turn most of them into 429s.
  stack = await startTestStack({ bindings: { "indica-api": { API_RATE_LIMIT_PER_MINUTE: "1000000" } } });
  const p = await seedTestProgram(stack);
  apiKey = p.apiKey;
  owner = await tokenFor(stack, p.tenantId, "owner");
  ids = { cmp: p.campaignId, aff: p.affiliateId, lnk: p.linkId, tnt: p.tenantId };
}, 120_000);
afterAll(() => stack?.close());

const hostile = fc.oneof(
  fc.jsonValue(),
  fc.string({ maxLength: 300 }),
  fc.constantFrom("\u0000", "\ud800", "../../etc/passwd", "' OR 1=1 --", "x".repeat(70_000), "1e309", "-0", "NaN", "<script>", "ＡＢＣ"),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, [], {}, 2 ** 63, -(2 ** 53) - 10),
);

/** A body for the operation: random JSON, or the sampled valid body with one field made hostile. */
const bodyFor = (op: Operation) =>
  fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.tuple(fc.nat(), hostile).map(([n, value]) => {
      const valid = op.body ? sample(op.body, { ids, path: op.path }) : {};
      if (!valid || typeof valid !== "object" || Array.isArray(valid)) return JSON.stringify(value);
      const keys = Object.keys(valid);
      const key = keys.length > 0 ? keys[n % keys.length] : "field";
      return JSON.stringify({ ...valid, [key]: value });
    }),
  );

const garbagePath = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom("..%2F..", "%00", "lnk_", "x".repeat(5_000), "%F0%9F%92%A9"));

describe("fuzzed requests", () => {
  it("never answer 500, and every error is a problem", async () => {
    const failures: string[] = [];
    for (const op of operations().filter((o) => o.id !== "POST /v1/auth/logout")) {
      await fc.assert(
        fc.asyncProperty(bodyFor(op), garbagePath, fc.string({ maxLength: 60 }), fc.boolean(), async (body, pathValue, queryValue, asKey) => {
          let url = urlFor(op, { ids, path: op.path });
          if (op.params.length > 0 && pathValue.length % 2 === 0) {
            url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(pathValue)) + `?${op.params.filter((p) => p.in === "query").map((p) => `${p.name}=${encodeURIComponent(queryValue)}`).join("&")}`;
          }
          const origin = op.worker === "indica-api" ? "https://api.indica.test" : "https://loja.indica.test";
          const res = await stack.fetch(op.worker, `${origin}${url}`, {
            method: op.method,
            headers: { "content-type": "application/json", authorization: `Bearer ${asKey ? apiKey : owner}`, "cf-connecting-ip": "198.51.100.99" },
            body: op.method === "GET" || op.method === "DELETE" ? undefined : body,
          });
          const text = await res.text();
          if (res.status >= 500) failures.push(`${op.id} ${url.slice(0, 120)} ${body.slice(0, 200)} -> ${res.status} ${text.slice(0, 200)}`);
          else if (res.status >= 400 && op.worker === "indica-api" && !res.headers.get("content-type")?.startsWith("application/problem+json")) {
            failures.push(`${op.id} -> ${res.status} without a problem body`);
          }
          return true;
        }),
        { numRuns: RUNS_PER_OPERATION, seed: 20261123 },
      );
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
