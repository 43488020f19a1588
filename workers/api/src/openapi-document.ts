import { createApiApp } from "./app";
import { OPENAPI_INFO } from "./routes/openapi";

/** The OpenAPI 3.1 document as served at /openapi.json; docs/openapi.json is a committed copy of it. */
export function openApiDocument() {
  return createApiApp().getOpenAPI31Document({ openapi: "3.1.0", info: OPENAPI_INFO, servers: [{ url: "/" }] });
}
