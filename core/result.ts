/** Services return results and leave HTTP to routes. */
import type { ErrorCode, ProblemExtensions } from "./problem";

export interface ServiceError {
  code: ErrorCode;
  detail: string;
  /** JSON pointer of the offending input field, when there is one. */
  pointer?: string;
  /** Extension members for the problem answer (see ProblemExtensions). */
  extensions?: ProblemExtensions;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, detail: string, pointer?: string, extensions?: ProblemExtensions): Result<never> => ({
  ok: false,
  error: { code, detail, pointer, ...(extensions ? { extensions } : {}) },
});
