/**
 * The product's one OpenAPI document: the API Worker's operations plus the tracking host's (conversions,
 * refunds, browser events; core/http/ingest-operations.ts), which declare their own server. The API serves
 * it at /openapi.json (and /docs reads it); `npm run openapi` writes the same document to docs/openapi.json.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { registerIngestOperations } from "../../../../core/http/ingest-operations";

export const OPENAPI_INFO = {
  title: "Indica API",
  version: "1.0.0",
  description:
    "Affiliate tracking for e-commerce: links, clicks, conversions, commissions and payouts. " +
    "Authenticate with `Authorization: Bearer <token>`: an API key (`ik_...`) for server-to-server calls, or the access token from `POST /v1/auth/login` for people. " +
    "Errors are RFC 9457 problem details. Lists are paged with `cursor`/`nextCursor`; POSTs accept an `Idempotency-Key`; every response carries `RateLimit-*` headers.",
};

/** The document of `app`'s own routes: the API host's operations only. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any OpenAPIHono app; only its registry is read
export const apiOperationsDocument = (app: OpenAPIHono<any>) => app.getOpenAPI31Document({ openapi: "3.1.0", info: OPENAPI_INFO, servers: [{ url: "/" }] });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export function productDocument(app: OpenAPIHono<any>) {
  const api = apiOperationsDocument(app);
  // A registry of its own: the declarations are documentation, not routes of this Worker.
  const tracking = new OpenAPIHono();
  registerIngestOperations(tracking.openAPIRegistry);
  const ingest = tracking.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "ingest", version: "1" } });
  return {
    ...api,
    paths: mergePaths(api.paths ?? {}, ingest.paths ?? {}),
    components: {
      ...api.components,
      schemas: { ...api.components?.schemas, ...ingest.components?.schemas },
      securitySchemes: { ...api.components?.securitySchemes, ...ingest.components?.securitySchemes },
    },
  };
}

/** Both hosts serve /v1/conversions (the API reads orders, ingest takes them): path items merge by method. */
function mergePaths<P extends Record<string, object | undefined>>(api: P, ingest: P): P {
  const merged: Record<string, object | undefined> = { ...api };
  for (const [path, item] of Object.entries(ingest)) merged[path] = { ...merged[path], ...item };
  return merged as P;
}
