/**
 * Activity for the reporting tests, made through the real Workers: more affiliates in a seeded program,
 * clicks on the redirect, orders through the ingest Worker's server-to-server endpoint.
 */
import { newId, timestampOfId } from "../../core/ids";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { orderId, serverPost, BROWSER_HEADERS } from "./tracking";
import { TEST_LINK_DOMAIN, waitFor, type TestStack } from "./stack";

export interface TestAffiliate {
  affiliateId: string;
  linkId: string;
  code: string;
}

/** Another affiliate of the program, a member of its campaign (approved unless told), with one link. */
export async function addAffiliate(stack: TestStack, p: SeededProgram, o: { membership?: string; subIds?: Record<string, string> } = {}): Promise<TestAffiliate> {
  const affiliateId = newId("affiliate");
  const linkId = newId("link");
  const code = `a-${affiliateId.slice(-10).toLowerCase()}`;
  await stack.db.query("INSERT INTO affiliates (id, tenant_id, name, email) VALUES ($1, $2, 'Bruno', $3)", [affiliateId, p.tenantId, `bruno+${affiliateId}@example.com`]);
  await stack.db.query("INSERT INTO campaign_memberships (tenant_id, campaign_id, affiliate_id, status) VALUES ($1, $2, $3, $4)", [p.tenantId, p.campaignId, affiliateId, o.membership ?? "approved"]);
  await stack.db.query("INSERT INTO links (id, tenant_id, campaign_id, affiliate_id, domain, code, destination_url, sub_ids) VALUES ($1, $2, $3, $4, $5, $6, 'https://loja.example/', $7)", [
    linkId, p.tenantId, p.campaignId, affiliateId, TEST_LINK_DOMAIN, code, JSON.stringify(o.subIds ?? {}),
  ]);
  return { affiliateId, linkId, code };
}

/** A click on a link code by a visitor (a new one unless given); resolves once its row is stored. */
export async function clickOn(stack: TestStack, code: string, o: { visitorId?: string; query?: string } = {}): Promise<{ clickId: string; at: Date }> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}${o.query ?? ""}`, {
    headers: { ...BROWSER_HEADERS, cookie: `indica_vid=${o.visitorId ?? newId("visitor")}` },
  });
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 20_000, "the click");
  return { clickId, at: new Date(timestampOfId(clickId)!) };
}

export interface TestOrder {
  orderId: string;
  amount: number;
  currency: string;
  clickId?: string;
  occurredAt: string;
  customer?: { email?: string; customerId?: string };
}

/** An order sent server to server (an hour after now unless told, so it is not flagged as click injection); resolves to its conversion row. */
export async function placeOrder(stack: TestStack, p: SeededProgram, o: Partial<TestOrder> & { amount: number }) {
  const order: TestOrder = { orderId: orderId(), currency: "BRL", occurredAt: new Date(Date.now() + 3_600_000).toISOString(), ...o };
  const res = await serverPost(stack, "/v1/conversions", p.apiKey, order);
  if (res.status !== 202) throw new Error(`order refused: ${res.status} ${await res.text()}`);
  // Commissions are made in the same transaction as the order, so they exist once the order does.
  const row = await waitFor(async () => (await stack.db.query("SELECT * FROM conversions WHERE tenant_id = $1 AND order_id = $2", [p.tenantId, order.orderId])).rows[0], 20_000, "the order");
  return { ...order, id: row.id as string, row };
}

export const commissionsOfOrder = (stack: TestStack, tenantId: string, order: string) =>
  stack.db.query("SELECT * FROM commissions WHERE tenant_id = $1 AND order_id = $2 ORDER BY affiliate_id", [tenantId, order]).then((r) => r.rows);
