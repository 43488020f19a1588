/**
 * A person found by email through an order only: their click carries a visitor id no identity links to the
 * email (the order came from the shop's server). Export must find that click and erasure anonymise it; the
 * export is shaped like the rest of the API, and the email is normalised as orders normalise it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, timestampOfId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, jsonOf } from "./helpers/api";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";
import { BROWSER_HEADERS, serverPost } from "./helpers/tracking";

let stack: TestStack;
let p: SeededProgram;
let clickId: string;
const visitorId = newId("visitor");
const orderId = `DE-${visitorId.slice(-6)}`;
const occurredAt = "2026-11-24T02:59:35.049Z";

beforeAll(async () => {
  stack = await startTestStack();
  p = await seedTestProgram(stack);
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}`, {
    headers: { ...BROWSER_HEADERS, cookie: `indica_vid=${visitorId}`, "cf-connecting-ip": "203.0.113.9", referer: "https://blog.example/post" },
  });
  clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 20_000, "the click");
  // The order names the click but comes with an email only: no identity ties the email to the click's visitor.
  const order = { orderId, amount: 12000, currency: "EUR", clickId, customer: { email: "Kunde.Eins@example.de" }, status: "paid", occurredAt };
  expect((await serverPost(stack, "/v1/conversions", p.apiKey, order)).status).toBe(202);
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM conversions WHERE tenant_id = $1 AND order_id = $2 AND matched_click_id IS NOT NULL", [p.tenantId, orderId])).rowCount === 1, 20_000, "the order");
});
afterAll(() => stack?.close());

const exportOf = async (email: string) => jsonOf(await callApi(stack, "POST", "/v1/privacy/export", { key: p.apiKey, body: { email } }));

describe("a data-subject request by email", () => {
  it("normalises the email like orders do and finds the click behind the order, in the API's shape", async () => {
    const exported = await exportOf("  KUNDE.eins@Example.de ");
    expect(exported.tables.clicks.map((k: { id: string }) => k.id)).toEqual([clickId]);
    expect(exported.tables.clicks[0]).toMatchObject({ id: clickId, visitorId, clickedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), ipHash: expect.any(String) });
    const [order] = exported.tables.conversions;
    expect(order).toMatchObject({ orderId, amount: 12000, currency: "EUR", occurredAt, clickId, matchedClickId: clickId });
    expect(Object.keys(order).every((k) => !k.includes("_"))).toBe(true);
    expect(Object.keys(exported.tables).sort()).toEqual(["clicks", "consents", "conversions", "events", "failedEvents", "identities", "webhookDeliveries"]);
  });

  it("looks the order's click up on one partition (the month in its id)", async () => {
    const at = new Date(timestampOfId(clickId)!).toISOString();
    const { rows } = await stack.db.query("EXPLAIN SELECT id, visitor_id FROM clicks WHERE tenant_id = $1 AND id = ANY($2::text[]) AND clicked_at = ANY($3::timestamptz[])", [p.tenantId, [clickId], [at]]);
    const partitions = new Set(rows.map((r: { "QUERY PLAN": string }) => /on (clicks_\w+)/.exec(r["QUERY PLAN"])?.[1]).filter(Boolean));
    expect(partitions.size).toBe(1);
  });

  it("erasure anonymises that click; the order keeps pointing at it, but nothing links it to the person", async () => {
    const res = await callApi(stack, "POST", "/v1/privacy/erasure", { key: p.apiKey, body: { email: "kunde.eins@example.de" } });
    expect(res.status).toBe(200);
    expect((await jsonOf(res)).erased).toMatchObject({ clicks: 1, conversions: 1, failedEvents: 0 });
    const { rows: [click] } = await stack.db.query("SELECT visitor_id, ip_hash, referrer_host, user_agent FROM clicks WHERE id = $1", [clickId]);
    expect(click).toEqual({ visitor_id: expect.stringMatching(/^vis_/), ip_hash: null, referrer_host: null, user_agent: "erased (desktop)" });
    expect(click.visitor_id).not.toBe(visitorId);
    const { rows: [order] } = await stack.db.query("SELECT click_id, email_hash, visitor_id FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, orderId]);
    expect(order).toEqual({ click_id: clickId, email_hash: null, visitor_id: null });
    expect((await callApi(stack, "POST", "/v1/privacy/export", { key: p.apiKey, body: { visitorId } }).then(jsonOf)).tables.clicks).toEqual([]);
  });
});
