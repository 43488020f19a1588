import type { MiddlewareHandler } from "hono";
import { createDatabase } from "../../../../db/client";
import type { ApiHonoEnv } from "../env";

/** One pool per request, closed after the response is sent. */
export function database(): MiddlewareHandler<ApiHonoEnv> {
  return async (c, next) => {
    const handle = createDatabase(c.env);
    c.set("database", handle);
    try {
      await next();
    } finally {
      c.executionCtx.waitUntil(handle.close());
    }
  };
}
