/**
 * POST /v1/integrations/{platform}/{connectionId}: webhooks from Shopify, WooCommerce, Nuvemshop and Stripe.
 * No API key: the connection id in the URL names the merchant and its secret verifies the signature.
 */
import type { Hono } from "hono";
import { isId } from "../../../../../core/ids";
import { isPlatform } from "../../../../../core/integrations/platforms";
import { MemoryCache } from "../../../../../core/memory-cache";
import { open } from "../../../../../core/secret-box";
import { createDatabase } from "../../../../../db/client";
import { findConnection, renewalMonth, type ConnectionRow } from "../../../../../db/queries/integration-connections";
import type { IngestHonoEnv } from "../../env";
import { RECEIVERS } from "../../integrations/platforms";
import { fetchNuvemshopOrder, OrderFetchError } from "../../integrations/nuvemshop-api";
import { problemFrom, simpleProblem } from "../../lib/problems";
import { readTextBody } from "../../lib/read-json";
import { receiveWebhook } from "../../services/receive-integration-webhook";

const MAX_BODY_BYTES = 1024 * 1024;
type Opened = { row: ConnectionRow; secret: string; accessToken: string | null } | null;
// Busy stores send many webhooks; a deleted connection stops working here within 30 s.
const connections = new MemoryCache<Opened>(10_000);
const CACHE_MS = 30_000;

const parseJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
};

export function registerIntegrationWebhooks(app: Hono<IngestHonoEnv>): void {
  app.post("/v1/integrations/:platform/:connectionId", async (c) => {
    const { platform, connectionId } = c.req.param();
    if (!isPlatform(platform) || !isId("integration", connectionId)) return simpleProblem(c, "not_found", "No such integration endpoint; copy the URL from the connection.");
    const body = await readTextBody(c.req, MAX_BODY_BYTES);
    if (!body.ok) return problemFrom(c, body.error);
    // WooCommerce checks a new webhook URL with an unsigned form post `webhook_id=<n>`: acknowledge it, process nothing.
    if (platform === "woocommerce" && /^webhook_id=\d+$/.test(body.value.trim())) return c.json({ status: "ping" }, 200);

    const handle = createDatabase(c.env);
    try {
      let opened = connections.get(connectionId);
      if (opened === undefined) {
        const row = await findConnection(handle.db, connectionId);
        opened = row ? { row, secret: await open(row.sealedSecret, c.env.SECRETS_KEY), accessToken: row.sealedAccessToken ? await open(row.sealedAccessToken, c.env.SECRETS_KEY) : null } : null;
        connections.set(connectionId, opened, CACHE_MS);
      }
      if (!opened || opened.row.platform !== platform) return simpleProblem(c, "not_found", "No such integration endpoint; copy the URL from the connection.");
      const { row } = opened;
      const outcome = await receiveWebhook(handle.db, c.env, RECEIVERS[platform], { headers: (n) => c.req.header(n), raw: body.value, json: parseJson(body.value) }, {
        connection: row,
        secret: opened.secret,
        accessToken: opened.accessToken,
        renewalOf: (subscriptionId, paidAt) => renewalMonth(handle.db, row.tenantId, subscriptionId, paidAt),
        fetchOrder: fetchNuvemshopOrder,
        nuvemshopApiBase: c.env.NUVEMSHOP_API_BASE || "https://api.nuvemshop.com.br/v1",
      });
      if (outcome.status === "rejected") return simpleProblem(c, "unauthorized", `The webhook was refused and recorded: ${outcome.reason}.`);
      return c.json(outcome, outcome.status === "accepted" ? 202 : 200);
    } catch (error) {
      // The platform retries on an error answer; nothing was recorded as delivered, so the retry is processed.
      if (error instanceof OrderFetchError) return simpleProblem(c, "unavailable", error.message, { "retry-after": "30" });
      throw error;
    } finally {
      c.executionCtx.waitUntil(handle.close());
    }
  });
}
