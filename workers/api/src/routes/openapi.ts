import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../env";
import { productDocument } from "../lib/product-document";

export function registerOpenApi(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key (`ik_...`, shown once when created) or a session access token (JWT) from `POST /v1/auth/login`.",
  });
  // The product document, not only this app's routes: callers read here where orders go (the tracking host).
  // Built once per isolate: the routes do not change after startup.
  let doc: ReturnType<typeof productDocument> | undefined;
  app.get("/openapi.json", (c) => c.json((doc ??= productDocument(app))));
}
