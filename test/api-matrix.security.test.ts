/**
 * Every operation of the OpenAPI document, for every kind of caller of tenant A, aimed at tenant B's
 * resources (B's ids in paths, queries and bodies): nothing of B is ever shown or changed, and nothing
 * answers 500. Generated from the document, so new operations are covered the day they are added.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../core/auth/access";
import { newId } from "../core/ids";
import { callApi, createApiKey } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { operations, sample, urlFor, type Operation } from "./helpers/openapi-operations";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";
import { BROWSER_HEADERS, orderId, serverPost } from "./helpers/tracking";

let stack: TestStack;
let foreignIds: Record<string, string>;
let foreignTenant: string;
let callers: [string, string][];

/** A fingerprint of every row tenant B owns, table by table. */
async function snapshotOf(tenantId: string): Promise<Record<string, string | null>> {
  const { rows } = await stack.db.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`);
  const out: Record<string, string | null> = {};
  for (const { name } of rows) {
    const r = await stack.db.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${name} t WHERE tenant_id = $1`, [tenantId]);
    out[name] = r.rows[0].h;
  }
  const t = await stack.db.query("SELECT md5(t::text) AS h FROM tenants t WHERE id = $1", [tenantId]);
  out.tenants = t.rows[0].h;
  return out;
}

/** All ids tenant B has, by prefix, from every table with an `id` column. */
async function idsOf(tenantId: string): Promise<Record<string, string>> {
  const { rows } = await stack.db.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
    JOIN pg_attribute i ON i.attrelid = c.oid AND i.attname = 'id'
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition`);
  const ids: Record<string, string> = { tnt: tenantId };
  for (const { name } of rows) {
    const r = await stack.db.query(`SELECT id::text FROM ${name} WHERE tenant_id = $1 LIMIT 20`, [tenantId]);
    for (const { id } of r.rows) if (/^[a-z]{3}_/.test(id)) ids[id.slice(0, 3)] ??= id;
  }
  return ids;
}

beforeAll(async () => {
  stack = await startTestStack();
  const b = await seedTestProgram(stack);
  foreignTenant = b.tenantId;
  // B gets a click, an order with its commission, a user, a second key and a coupon, so every kind of id exists.
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${b.code}`, { headers: { ...BROWSER_HEADERS, cookie: `indica_vid=${newId("visitor")}` } });
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await serverPost(stack, "/v1/conversions", b.apiKey, { orderId: orderId(), amount: 10_000, currency: "BRL", clickId, occurredAt: new Date(Date.now() + 3_600_000).toISOString() });
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1", [b.tenantId])).rowCount === 1, 20_000, "B's commission");
  await tokenFor(stack, b.tenantId, "owner");
  await createApiKey(stack, b.tenantId);
  const coupon = await callApi(stack, "POST", "/v1/coupons", { key: b.apiKey, body: { code: `B-${b.tenantId.slice(-8)}`, affiliateId: b.affiliateId, campaignId: b.campaignId } });
  expect(coupon.status, await coupon.text()).toBe(201);
  foreignIds = await idsOf(b.tenantId);

  const a = await seedTestProgram(stack);
  const roles: Role[] = ["owner", "admin", "analyst", "affiliate_manager", "affiliate"];
  callers = [["full API key", a.apiKey], ["scoped API key", (await createApiKey(stack, a.tenantId, { scopes: ["links:read", "conversions:write"] })).key]];
  for (const role of roles) callers.push([role, await tokenFor(stack, a.tenantId, role, role === "affiliate" ? { affiliateId: a.affiliateId } : {})]);
}, 120_000);
afterAll(() => stack?.close());

/** The same ids, of the same kinds, that exist nowhere. */
const unknownIds = () => Object.fromEntries(Object.keys(foreignIds).map((prefix) => [prefix, newId("link").replace(/^lnk/, prefix)]));

function call(op: Operation, token: string | null, ids: Record<string, string> = foreignIds) {
  const ctx = { ids, path: op.path };
  const body = op.body ? sample(op.body, ctx) : undefined;
  const origin = op.worker === "indica-api" ? "https://api.indica.test" : "https://loja.indica.test";
  const headers: Record<string, string> = { "content-type": "application/json", "cf-connecting-ip": "198.51.100.77" };
  if (token) headers.authorization = `Bearer ${token}`;
  return stack.fetch(op.worker, `${origin}${urlFor(op, ctx)}`, { method: op.method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** B's ids that A did not send itself must not appear in what A is told (the echoed path in `instance` aside). */
function leaks(text: string, sent: string): string[] {
  let scrubbed = text;
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === "object" && "instance" in parsed) delete parsed.instance;
    scrubbed = JSON.stringify(parsed);
  } catch {
    // not JSON: checked as it is
  }
  return Object.values(foreignIds).filter((id) => scrubbed.includes(id) && !sent.includes(id));
}

describe("the API against another tenant", () => {
  it("covers the document's operations", () => {
    expect(operations().length).toBeGreaterThan(20);
  });

  it("refuses every protected operation without credentials", async () => {
    for (const op of operations().filter((o) => !o.public)) {
      const res = await call(op, null);
      expect(res.status, op.id).toBe(401);
      await res.arrayBuffer();
    }
  });

  it("never shows, changes or crashes on tenant B's resources, whoever of tenant A calls", async () => {
    const before = await snapshotOf(foreignTenant);
    const failures: string[] = [];
    const statuses = new Map<string, number[]>();
    // Signing out would end the callers' own sessions midway (test/sessions.happy.test.ts covers it).
    for (const op of operations().filter((o) => !o.public && o.id !== "POST /v1/auth/logout")) {
      for (const [who, token] of callers) {
        const res = await call(op, token);
        const text = await res.text();
        statuses.set(op.id, [...(statuses.get(op.id) ?? []), res.status]);
        const sent = JSON.stringify([urlFor(op, { ids: foreignIds, path: op.path }), op.body ? sample(op.body, { ids: foreignIds, path: op.path }) : null]);
        const leaked = leaks(text, sent);
        // B's resources must look exactly like ones that do not exist: same status, so existence does not leak.
        const control = await call(op, token, unknownIds());
        await control.arrayBuffer();
        if (control.status !== res.status && !(res.status < 300 && control.status < 300)) failures.push(`${op.id} as ${who}: ${res.status} for B's ids, ${control.status} for unknown ones`);
        if (res.status >= 500) failures.push(`${op.id} as ${who}: ${res.status} ${text.slice(0, 200)}`);
        if (leaked.length > 0) failures.push(`${op.id} as ${who}: shows ${leaked.join(", ")}`);
        // An operation addressed to one of B's resources by path must be refused, never carried out.
        if (/\{id\}/.test(op.path) && res.status < 400) failures.push(`${op.id} as ${who}: ${res.status} on B's resource`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotOf(foreignTenant)).toEqual(before);
    // The sampled requests must mostly get past validation, or the matrix would only test the validator.
    const validated = [...statuses.entries()].filter(([, codes]) => codes.some((c) => c !== 400));
    expect(validated.length / statuses.size, JSON.stringify([...statuses.entries()].filter(([, c]) => c.every((x) => x === 400)))).toBeGreaterThan(0.8);
  }, 180_000);
});
