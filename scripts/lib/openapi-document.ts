/**
 * The product's one OpenAPI document: the API Worker's operations, plus the ingest Worker's public ones
 * (conversions, refunds, browser events), which declare their own server.
 */
import { createIngestApp } from "../../workers/ingest/src/app";
import { openApiDocument as apiDocument } from "../../workers/api/src/openapi-document";

export function productOpenApiDocument() {
  const api = apiDocument();
  const ingest = createIngestApp().getOpenAPI31Document({ openapi: "3.1.0", info: { title: "ingest", version: "1" } });
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

/** Both Workers serve /v1/conversions (the API reads orders, ingest takes them): path items merge by method. */
function mergePaths<P extends Record<string, object | undefined>>(api: P, ingest: P): P {
  const merged: Record<string, object | undefined> = { ...api };
  for (const [path, item] of Object.entries(ingest)) merged[path] = { ...merged[path], ...item };
  return merged as P;
}
