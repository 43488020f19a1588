/**
 * The typed client (sdk/) on the server-to-server path, as docs/api.md walks it: an order sent to the
 * tracking host, then its commissions read from the API by order id. `GET /v1/commissions?orderId=` used to
 * ignore the filter and answer every commission of the account, so "the commission of this order" was
 * whichever came first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIndicaClient } from "../sdk";
import { API_ORIGIN } from "./helpers/api";
import { clickOn } from "./helpers/program-activity";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { orderId } from "./helpers/tracking";
import type { WorkerName } from "../scripts/lib/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

/** The SDK's fetch, sent to one Worker of the test stack. */
const via = (worker: WorkerName) => ((request: Request) =>
  stack.fetch(worker, request.url, { method: request.method, headers: request.headers, body: request.body ? request.clone().body : undefined, duplex: "half" } as RequestInit)) as typeof fetch;

describe("the typed client on the server-to-server path", () => {
  it("sends orders to the tracking host and lists one order's commissions by its order id", async () => {
    const p = await seedTestProgram(stack);
    const tracking = createIndicaClient({ baseUrl: "https://t.indica.test", token: p.apiKey, fetch: via("indica-ingest") });
    const api = createIndicaClient({ baseUrl: API_ORIGIN, token: p.apiKey, fetch: via("indica-api") });
    const occurredAt = new Date(Date.now() + 3_600_000).toISOString(); // not a "fast conversion"
    const orders = [orderId(), orderId()];
    for (const [i, order] of orders.entries()) {
      const { clickId } = await clickOn(stack, p.code);
      const sent = await tracking.POST("/v1/conversions", { body: { orderId: order, amount: 10_000 * (i + 1), currency: "BRL", status: "paid", clickId, occurredAt } });
      expect(sent.response.status).toBe(202);
      expect(sent.data).toEqual({ accepted: 1, orderId: order });
    }
    const all = await waitFor(async () => {
      const { data } = await api.GET("/v1/commissions");
      return data && data.items.length === 2 && data.items;
    }, 20_000, "both commissions");
    expect(all.map((c) => c.orderId).sort()).toEqual([...orders].sort());

    const second = await api.GET("/v1/commissions", { params: { query: { orderId: orders[1] } } });
    expect(second.response.status).toBe(200);
    expect(second.data!.items.map((c) => [c.orderId, c.amount])).toEqual([[orders[1], 2_000]]);
    const none = await api.GET("/v1/commissions", { params: { query: { orderId: "no-such-order" } } });
    expect(none.data!.items).toEqual([]);

    const order = await api.GET("/v1/conversions", { params: { query: { orderId: orders[1] } } });
    expect(order.data!.items).toMatchObject([{ orderId: orders[1], status: "paid", amount: 20_000, affiliateId: p.affiliateId }]);
  });
});
