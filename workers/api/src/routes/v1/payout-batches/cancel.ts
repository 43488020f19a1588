/** POST /v1/payout-batches/{id}/cancel: frees a batch's affiliates for a later batch when nobody was paid from it. */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, conflictError, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemForError } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { cancelBatch } from "../../../services/cancel-payout-batch";
import { batchIdParams, batchWithItemsSchema } from "./schema";
import { itemsOf } from "../../../../../../db/queries/payout-batches";
import { toBatchView, toItemView } from "./view";

const cancel = createRoute({
  method: "post", path: "/v1/payout-batches/{id}/cancel", tags: ["Payouts"], security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:write" })] as const,
  summary: "Cancel a batch nobody was paid from",
  description:
    "For a draft, or a CSV batch you decided not to pay: its affiliates can be in the next batch again. Refused (409) once an item is paid, " +
    "or while a provider's accepted payment is still processing. Cancelling a cancelled batch answers it as it is.",
  request: { params: batchIdParams },
  responses: { 200: { description: "The cancelled batch", content: { "application/json": { schema: batchWithItemsSchema } } }, ...standardErrors, ...notFoundError, ...conflictError },
});

export function registerPayoutBatchCancel(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(cancel, async (c) => {
    const tenantId = c.get("principal").tenantId;
    const cancelled = await cancelBatch(c.get("db"), tenantId, c.req.valid("param").id);
    if (!cancelled.ok) return problemForError(c, cancelled.error);
    return c.json({ ...toBatchView(cancelled.value), items: (await itemsOf(c.get("db"), tenantId, cancelled.value.id)).map(toItemView) }, 200);
  });
}
