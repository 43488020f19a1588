import type { Context } from "hono";
import { ERROR_CODES, problem, type ErrorCode, type Problem } from "../../../../core/problem";
import type { ServiceError } from "../../../../core/result";
import type { ApiHonoEnv } from "../env";

/**
 * Answers with an RFC 9457 problem carrying this request's id. Built with `c.json` so that typed routes
 * accept it as one of their declared responses; the media type is still application/problem+json.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's context may answer with a problem
export function problemFor<C extends Context<ApiHonoEnv, any, any>, Code extends ErrorCode>(c: C, code: Code, init: Omit<Partial<Problem>, "code" | "status" | "type"> = {}) {
  const requestId = c.get("requestId");
  const body = problem(code, { instance: new URL(c.req.url).pathname, requestId, ...init });
  return c.json(body, ERROR_CODES[code] as (typeof ERROR_CODES)[Code], { "content-type": "application/problem+json", "x-request-id": requestId });
}

/** A service's failure as a problem, with its field pointer and extension members when it has them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as problemFor
export function problemForError<C extends Context<ApiHonoEnv, any, any>>(c: C, error: ServiceError) {
  return problemFor(c, error.code, { ...error.extensions, detail: error.detail, errors: error.pointer ? [{ pointer: error.pointer, detail: error.detail }] : undefined });
}
