import type { MiddlewareHandler } from "hono";
import { newId } from "../../../../core/ids";
import type { ApiHonoEnv } from "../env";

/** Every response carries `X-Request-Id`; a well-formed id from the caller is kept for tracing. */
export function requestId(): MiddlewareHandler<ApiHonoEnv> {
  return async (c, next) => {
    const given = c.req.header("x-request-id");
    const id = given && /^[\w.-]{8,128}$/.test(given) ? given : newId("request");
    c.set("requestId", id);
    await next();
    c.header("x-request-id", id);
  };
}
