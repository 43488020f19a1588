/**
 * The ingest Worker's RFC 9457 problems. Each carries the request id of its log line (middleware/request-log.ts),
 * in the body and in `X-Request-Id` as the API's do, so a developer can quote it to support.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { readableIssues } from "../../../../core/issue-messages";
import { fieldErrors, problem, problemResponse, type ErrorCode, type Problem } from "../../../../core/problem";
import type { ServiceError } from "../../../../core/result";
import type { IngestHonoEnv } from "../env";

/** Any ingest handler's context (hono's default path type fits every route): only its request id is read. */
export type IngestContext = Context<IngestHonoEnv>;

export function ingestProblem(c: IngestContext, code: ErrorCode, init: Omit<Partial<Problem>, "code" | "status" | "type" | "requestId"> = {}, headers: Record<string, string> = {}): Response {
  const requestId = c.get("requestId");
  return problemResponse(problem(code, { ...init, requestId }), { ...headers, "x-request-id": requestId });
}

export const problemFrom = (c: IngestContext, e: ServiceError, headers: Record<string, string> = {}) =>
  ingestProblem(c, e.code, { detail: e.detail, errors: e.pointer ? [{ pointer: e.pointer, detail: e.detail }] : undefined }, headers);

/** A body that failed its schema: a field error for each issue, in the API's messages (core/issue-messages.ts). */
export const invalidBody = (c: IngestContext, error: z.ZodError, headers: Record<string, string> = {}) =>
  ingestProblem(c, "validation_failed", { errors: fieldErrors(readableIssues(error.issues), "body") }, headers);

export const simpleProblem = (c: IngestContext, code: ErrorCode, detail: string, headers: Record<string, string> = {}) => ingestProblem(c, code, { detail }, headers);
