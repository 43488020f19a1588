/** An order refunds and replays can act on: paid 10,000 BRL through the affiliate's link, with its commission. */
import { expect } from "vitest";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { clickLink, waitForClick } from "./ingest-fixtures";
import { waitFor, type TestStack } from "./stack";
import { orderId, serverPost } from "./tracking";

/** Returns the order's id once its commission (1,000 at the seeded program's 10%) is stored. */
export async function paidOrder(stack: TestStack, p: SeededProgram): Promise<string> {
  const { clickId } = await clickLink(stack, p);
  await waitForClick(stack, clickId);
  const order = orderId();
  expect((await serverPost(stack, "/v1/conversions", p.apiKey, { orderId: order, amount: 10_000, currency: "BRL", clickId, status: "paid" })).status).toBe(202);
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order])).rowCount === 1, 20_000, `commission of ${order}`);
  return order;
}
