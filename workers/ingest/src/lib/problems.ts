import type { z } from "zod";
import { fieldErrors, problem, problemResponse, type ErrorCode } from "../../../../core/problem";
import type { ServiceError } from "../../../../core/result";

export const problemFrom = (e: ServiceError, headers: Record<string, string> = {}) =>
  problemResponse(problem(e.code, { detail: e.detail, errors: e.pointer ? [{ pointer: e.pointer, detail: e.detail }] : undefined }), headers);

export const invalidBody = (error: z.ZodError, headers: Record<string, string> = {}) =>
  problemResponse(problem("validation_failed", { errors: fieldErrors(error.issues, "body") }), headers);

export const simpleProblem = (code: ErrorCode, detail: string, headers: Record<string, string> = {}) => problemResponse(problem(code, { detail }), headers);
