/**
 * RFC 9457 problem details. Error codes are a closed set so clients can switch on them; the HTTP status
 * of each code is fixed here, not chosen ad hoc by handlers.
 */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** JSON pointer into the request (`/body/destinationUrl`, `/query/limit`). */
  pointer: string;
  detail: string;
}

/** A merchant as a sign-in or sign-up answer names it: the slug is what `POST /v1/auth/login` takes as `tenant`. */
export interface TenantChoice {
  slug: string;
  name: string;
}

/** Members some problems add (RFC 9457 extension members), each documented on the operations that send it. */
export interface ProblemExtensions {
  /** The merchants the caller proved the password for: several at sign-in, or the ones a repeated sign-up already owns. */
  tenants?: TenantChoice[];
}

export interface Problem extends ProblemExtensions {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  requestId?: string;
  errors?: FieldError[];
}

const TITLES: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  validation_failed: "Your request has invalid fields",
  unauthorized: "Authentication required",
  forbidden: "Not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  unprocessable: "Request cannot be processed",
  rate_limited: "Too many requests",
  internal_error: "Internal error",
  unavailable: "Service unavailable",
};

export const PROBLEM_TYPE_BASE = "https://docs.indica.dev/errors/";

export function problem(code: ErrorCode, init: Omit<Partial<Problem>, "code" | "status" | "type"> = {}): Problem {
  return { type: PROBLEM_TYPE_BASE + code, title: TITLES[code], status: ERROR_CODES[code], code, ...init };
}

/** Turns zod issues into field errors with JSON pointers, prefixed by where the input came from. */
export function fieldErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, source: string): FieldError[] {
  return issues.map((i) => ({
    pointer: `/${[source, ...i.path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1"))].join("/")}`,
    detail: i.message,
  }));
}

/** The HTTP form of a problem: `application/problem+json`, with the request id echoed when known. */
export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), { status: p.status, headers: { "content-type": "application/problem+json", ...headers } });
}
