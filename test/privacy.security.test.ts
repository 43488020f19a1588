/**
 * Data-subject requests reach every table (the list is compared with information_schema, and after an
 * erasure every text column of every table is searched for the shopper's identifiers), and the raw IP
 * address of a shopper is stored nowhere.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { SUBJECT_TABLES } from "../db/queries/data-subjects";
import { rollupFromRawSql, storedRollupSql } from "../db/queries/report-recompute";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, jsonOf } from "./helpers/api";
import { eventBatch, identifyEvent } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";
import { BROWSER_HEADERS, postEvents, serverPost } from "./helpers/tracking";

let stack: TestStack;
let p: SeededProgram;
const IP = "198.51.100.23";
const EMAIL = "ana.lima@example.com";
const emailHash = createHash("sha256").update(EMAIL).digest("hex");
const visitorId = newId("visitor");

/** Every base table of the public schema (partitions are reached through their parents). */
const baseTables = async (where: string) =>
  (
    await stack.db.query(
      `SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.column_name) AS columns FROM information_schema.columns c
       JOIN pg_class k ON k.relname = c.table_name AND k.relnamespace = 'public'::regnamespace AND NOT k.relispartition
       WHERE c.table_schema = 'public' AND ${where} GROUP BY 1 ORDER BY 1`,
    )
  ).rows as { table_name: string; columns: string[] }[];

/** Rows of any table whose text, JSON or inet columns contain `needle`. */
async function tablesContaining(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const t of await baseTables("c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'inet', 'ARRAY')")) {
    const condition = t.columns.map((c) => `"${c}"::text LIKE $1`).join(" OR ");
    const { rowCount } = await stack.db.query(`SELECT 1 FROM "${t.table_name}" WHERE ${condition} LIMIT 1`, [`%${needle}%`]);
    if (rowCount) found.push(t.table_name);
  }
  return found;
}

beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack);
  // A click, an identify call and an order, all from the shopper's address, through the real Workers.
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}`, { headers: { ...BROWSER_HEADERS, cookie: `indica_vid=${visitorId}`, "cf-connecting-ip": IP } });
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  expect((await postEvents(stack, eventBatch(p.tenantId, [identifyEvent(EMAIL)], "granted"), { cookie: `indica_vid=${visitorId}`, "cf-connecting-ip": IP })).status).toBe(202);
  const order = { orderId: `ord-${visitorId.slice(-6)}`, amount: 1000, currency: "BRL", clickId, customer: { email: EMAIL }, occurredAt: new Date(Date.now() + 3_600_000).toISOString() };
  expect((await serverPost(stack, "/v1/conversions", p.apiKey, order, { "cf-connecting-ip": IP })).status).toBe(202);
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM identities WHERE tenant_id = $1 AND visitor_id = $2", [p.tenantId, visitorId])).rowCount! > 0, 20_000, "the identity link");
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order.orderId])).rowCount === 1, 20_000, "the order");
  // Copies of the shopper's events elsewhere: a parked event and a consent record.
  await stack.db.query("INSERT INTO failed_events (id, tenant_id, source, payload, reason) VALUES ($1, $2, 'test', $3, 'test')", [newId("failedEvent"), p.tenantId, JSON.stringify({ visitorId })]);
  const consent = await callApi(stack, "POST", "/v1/privacy/consents", { key: p.apiKey, body: { visitorId, emailHash, purpose: "analytics", granted: true, source: "banner" } });
  expect(consent.status).toBe(201);
});
afterAll(() => stack?.close());

describe("data-subject requests", () => {
  it("know every table with a shopper identifier or an event copy", async () => {
    const tables = await baseTables("(c.column_name IN ('visitor_id', 'email_hash', 'customer_id_hash', 'value_hash', 'payload'))");
    expect(Object.fromEntries(Object.entries(SUBJECT_TABLES).map(([t, s]) => [t, [...s.columns].sort()]))).toEqual(Object.fromEntries(tables.map((t) => [t.table_name, t.columns])));
  });

  it("export the shopper's rows, then erase them from every table", async () => {
    const exported = await jsonOf(await callApi(stack, "POST", "/v1/privacy/export", { key: p.apiKey, body: { email: EMAIL } }));
    for (const table of ["clicks", "events", "identities", "consents", "conversions", "failedEvents"]) expect(exported.tables[table].length, table).toBeGreaterThan(0);
    expect(await tablesContaining(visitorId)).not.toEqual([]);
    const res = await callApi(stack, "POST", "/v1/privacy/erasure", { key: p.apiKey, body: { email: EMAIL } });
    expect(res.status).toBe(200);
    expect(await tablesContaining(visitorId)).toEqual([]);
    expect(await tablesContaining(emailHash)).toEqual([]);
    const { rows } = await stack.db.query("SELECT amount FROM conversions WHERE tenant_id = $1", [p.tenantId]);
    expect(rows).toEqual([{ amount: "1000" }]); // the order stays, anonymous
    // The click stays too, unlinkable, so report totals and the rollups' exactness are unchanged.
    expect((await stack.db.query(storedRollupSql("day"), [p.tenantId])).rows).toEqual((await stack.db.query(rollupFromRawSql("day"), [p.tenantId])).rows);
    const { rows: clicks } = await stack.db.query("SELECT visitor_id, ip_hash, user_agent FROM clicks WHERE tenant_id = $1", [p.tenantId]);
    expect(clicks).toEqual([{ visitor_id: expect.stringMatching(/^vis_/), ip_hash: null, user_agent: "erased (desktop)" }]);
  });

  it("are for owners and admins only", async () => {
    const { tokenFor } = await import("./helpers/auth");
    const analyst = await tokenFor(stack, p.tenantId, "analyst");
    expect((await callApi(stack, "POST", "/v1/privacy/erasure", { key: analyst, body: { visitorId } })).status).toBe(403);
  });
});

describe("the raw IP address", () => {
  it("is stored in no column of any table", async () => {
    expect(await tablesContaining(IP)).toEqual([]);
    expect(await tablesContaining("198.51.100.")).toEqual([]);
  });
});
