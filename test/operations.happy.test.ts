/** Liveness, readiness and GET /metrics of the API Worker: the exposition parses as Prometheus text and carries the documented families. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePrometheusText } from "../core/observability/prometheus-text";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi } from "./helpers/api";
import { clickOn, placeOrder } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { serverPost } from "./helpers/tracking";

let stack: TestStack;
let p: SeededProgram;
const TOKEN = "test-metrics-token";

beforeAll(async () => {
  stack = await startTestStack({ bindings: { "indica-api": { METRICS_TOKEN: TOKEN } } });
  p = await seedTestProgram(stack);
  await clickOn(stack, p.code);
  // An order and a partial refund of it, for the revenue figures.
  const order = await placeOrder(stack, p, { amount: 10_000 });
  expect((await serverPost(stack, "/v1/refunds", p.apiKey, { orderId: order.orderId, amount: 2_500, currency: "BRL", refundId: `r-${order.orderId}` })).status).toBe(202);
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM refunds WHERE tenant_id = $1", [p.tenantId])).rowCount === 1, 20_000, "the refund");
});
afterAll(() => stack?.close());

const api = (path: string, headers: Record<string, string> = {}) => stack.fetch("indica-api", `https://api.indica.test${path}`, { headers });

describe("operations endpoints", () => {
  it("answer health and readiness", async () => {
    expect(await (await api("/health")).json()).toEqual({ ok: true, worker: "api" });
    expect(await (await api("/ready")).json()).toEqual({ ok: true, worker: "api", database: "up" });
  });

  it("expose metrics in Prometheus text only to the bearer of the metrics token", async () => {
    expect((await api("/metrics")).status).toBe(401);
    expect((await callApi(stack, "GET", "/v1/campaigns", { key: p.apiKey })).status).toBe(200);
    const res = await api("/metrics", { authorization: `Bearer ${TOKEN}` });
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parsePrometheusText(await res.text());
    for (const family of ["indica_http_requests_total", "indica_http_request_duration_ms", "indica_ingest_lag_seconds", "indica_failed_events_pending", "indica_clicks_recent", "indica_clicks_flagged_recent", "indica_conversions_recent", "indica_clicks_default_partition_rows", "indica_webhook_deliveries_overdue"]) {
      expect(types.has(family), family).toBe(true);
    }
    expect(samples.find((s) => s.name === "indica_http_requests_total" && s.labels.route === "/v1/campaigns" && s.labels.status === "200")?.value).toBeGreaterThanOrEqual(1);
    expect(samples.find((s) => s.name === "indica_clicks_recent")?.value).toBeGreaterThanOrEqual(1);
    const brl = (name: string) => samples.find((s) => s.name === name && s.labels.currency === "BRL")?.value;
    expect(brl("indica_revenue_recent_minor")).toBeGreaterThanOrEqual(10_000);
    expect(brl("indica_refunded_recent_minor")).toBeGreaterThanOrEqual(2_500);
  });
});
