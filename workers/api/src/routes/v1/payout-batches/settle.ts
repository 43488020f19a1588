/** The CSV export of a batch, and reconciliation: what the bank (or a provider's report) says was paid or failed. */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { and, eq, inArray } from "drizzle-orm";
import type { Currency } from "../../../../../../core/money";
import { genericCsv, pixCsv } from "../../../../../../core/payouts/csv";
import { payoutDetailsSchema } from "../../../../../../core/payouts/details";
import { open } from "../../../../../../core/secret-box";
import { getBatch, itemsOf } from "../../../../../../db/queries/payout-batches";
import { itemsByIds, markPaidByMerchant, markReturned, refreshBatchStatus } from "../../../../../../db/queries/payout-settlement";
import { affiliates, payoutMethods } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { batchIdParams, batchWithItemsSchema, exportQuery, reconcileBody } from "./schema";
import { toBatchView, toItemView } from "./view";

const exportRoute = createRoute({
  method: "get", path: "/v1/payout-batches/{id}/export", tags: ["Payouts"], security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:write" })] as const,
  summary: "The batch as CSV: generic, or PIX keys for a bank's bulk PIX",
  request: { params: batchIdParams, query: exportQuery },
  responses: { 200: { description: "CSV (RFC 4180)", content: { "text/csv": { schema: z.string() } } }, ...standardErrors, ...notFoundError },
});

const reconcile = createRoute({
  method: "post", path: "/v1/payout-batches/{id}/reconcile", tags: ["Payouts"], security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:write" })] as const,
  summary: "Mark items paid or failed (CSV batches paid from your bank, or a provider's report)",
  request: { params: batchIdParams, body: { required: true, content: { "application/json": { schema: reconcileBody } } } },
  responses: { 200: { description: "The batch", content: { "application/json": { schema: batchWithItemsSchema } } }, ...standardErrors, ...notFoundError },
});

export function registerPayoutSettlement(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(exportRoute, async (c) => {
    const db = c.get("db");
    const tenantId = c.get("principal").tenantId;
    const batch = await getBatch(db, tenantId, c.req.valid("param").id);
    if (!batch) return problemFor(c, "not_found", { detail: "No payout batch with this id in your account." });
    const items = await itemsOf(db, tenantId, batch.id);
    const ids = items.map((i) => i.affiliateId);
    const names = new Map((ids.length ? await db.select({ id: affiliates.id, name: affiliates.name }).from(affiliates).where(and(eq(affiliates.tenantId, tenantId), inArray(affiliates.id, ids))) : []).map((a) => [a.id, a.name]));
    const methods = ids.length ? await db.select().from(payoutMethods).where(and(eq(payoutMethods.tenantId, tenantId), inArray(payoutMethods.affiliateId, ids))) : [];
    const format = c.req.valid("query").format;
    const rows = await Promise.all(
      items.map(async (i) => {
        const m = methods.find((x) => x.affiliateId === i.affiliateId && (format === "generic" || x.kind === "pix"));
        const details = m ? payoutDetailsSchema.parse(JSON.parse(await open(m.sealedDetails, c.env.SECRETS_KEY))) : null;
        return { itemId: i.id, affiliateId: i.affiliateId, affiliateName: names.get(i.affiliateId) ?? "", amount: i.amount, currency: i.currency as Currency, details };
      }),
    );
    const csv = format === "pix" ? pixCsv(rows) : genericCsv(rows);
    return c.body(csv, 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${batch.id}-${format}.csv"` });
  });

  app.openapi(reconcile, async (c) => {
    const db = c.get("db");
    const tenantId = c.get("principal").tenantId;
    const batch = await getBatch(db, tenantId, c.req.valid("param").id, true);
    if (!batch) return problemFor(c, "not_found", { detail: "No payout batch with this id in your account." });
    // Its affiliates may be in a newer batch already: a payment made anyway belongs there.
    if (batch.status === "cancelled") return problemFor(c, "conflict", { detail: "The batch is cancelled; record payments in the batch its affiliates are in now." });
    const updates = c.req.valid("json").items;
    const items = (await itemsByIds(db, tenantId, updates.map((u) => u.id))).filter((i) => i.batchId === batch.id);
    for (const u of updates) {
      const item = items.find((i) => i.id === u.id);
      if (!item || item.status === u.status) continue;
      if (u.status === "paid") await markPaidByMerchant(db, item, u.reference ?? item.providerReference ?? "manual");
      else await markReturned(db, item, u.reason ?? "reported as not paid");
    }
    await refreshBatchStatus(db, tenantId, batch.id);
    return c.json({ ...toBatchView((await getBatch(db, tenantId, batch.id))!), items: (await itemsOf(db, tenantId, batch.id)).map(toItemView) }, 200);
  });
}
