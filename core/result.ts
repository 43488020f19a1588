/** Services return results and leave HTTP to routes. */
import type { ErrorCode } from "./problem";

export interface ServiceError {
  code: ErrorCode;
  detail: string;
  /** JSON pointer of the offending input field, when there is one. */
  pointer?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, detail: string, pointer?: string): Result<never> => ({ ok: false, error: { code, detail, pointer } });
