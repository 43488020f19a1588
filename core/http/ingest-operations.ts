/**
 * OpenAPI declarations of the ingest Worker's public operations (the tracking host). The routes validate with
 * the same zod schemas (core/schemas/tracking.ts) but read bodies themselves (text/plain from browsers, a body
 * shared with signature checks), so the operations are declared here rather than through createRoute.
 *
 * In core, not in the ingest Worker, because both Workers need them and Workers never import each other:
 * ingest serves them at its /openapi.json, the API adds them to the product document it serves at
 * /openapi.json and /docs (workers/api/src/lib/product-document.ts). They are declarations only (schemas
 * into a registry); a copy generated at build time would have been one more file to keep in step.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { browserEventBatchSchema, conversionBatchSchema, conversionInputSchema, refundInputSchema } from "../schemas/tracking";

/** The registry of any OpenAPIHono app: the type is all that is taken from hono here. */
type Registry = OpenAPIHono["openAPIRegistry"];

const problem = z
  .object({
    type: z.string(), title: z.string(), status: z.number().int(), code: z.string(), detail: z.string().optional(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
    requestId: z.string().meta({ description: "The request's id, also in the `X-Request-Id` header and the log line: quote it to support" }),
  })
  .meta({ id: "IngestProblem" });
const problems = { content: { "application/problem+json": { schema: problem } } };
const accepted = z.object({
  accepted: z.number().int(),
  orderId: z.string().optional(),
  ignoredFields: z.array(z.string()).optional().meta({ description: "Keys of the body this endpoint does not know (JSON pointers, e.g. /body/clickid): the rest was taken; check for a typo" }),
});
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

/** Ingest lives on its own hostname (or the merchant's /_indica path), not the API's. */
const servers = [{ url: "{ingest}", description: "The ingest Worker", variables: { ingest: { default: "https://t.indica.link" } } }];
const serverAuth: Record<string, string[]>[] = [{ apiKey: [] }, { signedRequest: [] }];
const errors = { 400: { description: "Invalid body; `errors` lists each field", ...problems }, 401: { description: "Missing or invalid credentials", ...problems }, 403: { description: "Not allowed", ...problems }, 413: { description: "Body too large", ...problems }, 503: { description: "The database behind an uncached credential is unreachable; nothing was stored, retry after `Retry-After`", ...problems } };

/** The tracking host's public operations, all POSTs; the API host points callers of these paths there. */
export const TRACKING_POST_PATHS = ["/v1/conversions", "/v1/conversions/batch", "/v1/refunds", "/_indica/e"] as const;

export function registerIngestOperations(r: Registry): void {
  r.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer", description: "An API key (`ik_...`)." });
  r.registerComponent("securitySchemes", "signedRequest", {
    type: "apiKey",
    in: "header",
    name: "Indica-Signature",
    description: "`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>` with the signing key id in `Indica-Key-Id`.",
  });
  const s2s = (path: string, summary: string, body: z.ZodType, description: string) =>
    r.registerPath({ method: "post", path, servers, tags: ["Conversions"], summary, description, security: serverAuth, request: { body: { required: true, ...json(body) } }, responses: { 202: { description: "Queued; idempotent", ...json(accepted) }, ...errors } });
  s2s("/v1/conversions", "Report an order", conversionInputSchema, "Idempotent by orderId. Your server's first report of an order the tracking script reported replaces its amount, currency and items (pending commissions are made again); later reports move the status forward (placed, paid, fulfilled, cancelled), and a move to paid or fulfilled brings its amount, currency and items too (pending commissions are made again; approved or paid ones stay). A report at the status already reached with other figures is not applied: it is listed with the reason in GET /v1/failed-events; one at an older status changes nothing. Sending the same report again is safe.");
  s2s("/v1/conversions/batch", "Report up to 100 orders", conversionBatchSchema, "Accepted whole or refused whole.");
  s2s("/v1/refunds", "Report a full or partial refund", refundInputSchema, "Idempotent by refundId, which is unique in your account (not per order). In the order's currency: a refund in another currency, with a refundId another order used, or larger than what is left of the order (its amount minus the refunds before), is not applied: it is kept in failed_events with the reason (GET /v1/failed-events), and can be sent again corrected with the same refundId.");
  r.registerPath({
    method: "post",
    path: "/_indica/e",
    servers,
    tags: ["Tracking"],
    summary: "Browser events from the tracking script",
    description: "Sent by the script as text/plain JSON from the merchant's own domain. Cross-origin calls need the origin in the site's allowed origins.",
    request: { body: { required: true, content: { "text/plain": { schema: browserEventBatchSchema } } } },
    responses: { 202: { description: "Queued", ...json(accepted) }, 400: errors[400], 403: { description: "Origin not allowed", ...problems }, 404: { description: "Unknown site", ...problems }, 413: errors[413] },
  });
}
