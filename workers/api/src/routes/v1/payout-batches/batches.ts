/** Payout batches: made from approved ledger balances, sent through a provider, reconciled. Merchants only. */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf } from "../../../../../../core/auth/access";
import { createBatch, getBatch, itemsOf, listBatches } from "../../../../../../db/queries/payout-batches";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, notFoundError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { pageOf, toPage } from "../../../lib/pagination";
import { problemFor, problemForError } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { sendBatch } from "../../../services/send-payouts";
import { batchIdParams, batchListQuery, batchSchema, batchWithItemsSchema, createBatchBody } from "./schema";
import { toBatchView, toItemView } from "./view";

const tags = ["Payouts"];
const json = <T>(schema: T) => ({ "application/json": { schema } });

const create = createRoute({
  method: "post", path: "/v1/payout-batches", tags, security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:write" })] as const,
  summary: "Make a draft payout batch from approved balances in one currency",
  description: "One item per affiliate whose balance (clawbacks included, commissions still in their lock period excluded) reaches the minimum, who has a method for the provider and no payout still open.",
  request: { body: { required: true, content: json(createBatchBody) } },
  responses: { 201: { description: "The draft batch", content: json(batchWithItemsSchema) }, ...standardErrors, ...unprocessableError },
});

const list = createRoute({
  method: "get", path: "/v1/payout-batches", tags, security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:write" })] as const,
  summary: "Payout batches, newest first",
  request: { query: batchListQuery },
  responses: { 200: { description: "A page", content: json(pageOf(batchSchema, "PayoutBatchList")) }, ...standardErrors },
});

const get = createRoute({
  method: "get", path: "/v1/payout-batches/{id}", tags, security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:write" })] as const,
  summary: "A payout batch with its items",
  request: { params: batchIdParams },
  responses: { 200: { description: "The batch", content: json(batchWithItemsSchema) }, ...standardErrors, ...notFoundError },
});

const send = createRoute({
  method: "post", path: "/v1/payout-batches/{id}/send", tags, security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:write" })] as const,
  summary: "Approve and send a batch (again, to retry its failed items)",
  description: "Items already paid or accepted are never sent again; retries carry the same idempotency key, so nobody is paid twice.",
  request: { params: batchIdParams },
  responses: { 200: { description: "The batch after sending", content: json(batchWithItemsSchema) }, ...standardErrors, ...notFoundError, ...conflictError, ...unprocessableError },
});

export function registerPayoutBatches(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(create, async (c) => {
    const input = c.req.valid("json");
    const principal = c.get("principal");
    const made = await createBatch(c.get("db"), { tenantId: principal.tenantId, ...input, actor: actorOf(principal) });
    if (!made) return problemFor(c, "unprocessable", { detail: "No affiliate has a payable balance at or above the minimum in this currency (with a method for this provider and no payout open)." });
    return c.json({ ...toBatchView(made.batch), items: made.items.map(toItemView) }, 201, { location: `/v1/payout-batches/${made.batch.id}` });
  });

  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json(toPage(await listBatches(c.get("db"), c.get("principal").tenantId, q.limit, q.cursor), q.limit, toBatchView), 200);
  });

  app.openapi(get, async (c) => {
    const tenantId = c.get("principal").tenantId;
    const batch = await getBatch(c.get("db"), tenantId, c.req.valid("param").id);
    if (!batch) return problemFor(c, "not_found", { detail: "No payout batch with this id in your account." });
    return c.json({ ...toBatchView(batch), items: (await itemsOf(c.get("db"), tenantId, batch.id)).map(toItemView) }, 200);
  });

  app.openapi(send, async (c) => {
    const principal = c.get("principal");
    const sent = await sendBatch(c.get("db"), c.env, principal.tenantId, c.req.valid("param").id, actorOf(principal));
    if (!sent.ok) return problemForError(c, sent.error);
    return c.json({ ...toBatchView(sent.value), items: (await itemsOf(c.get("db"), principal.tenantId, sent.value.id)).map(toItemView) }, 200);
  });
}
