/**
 * Every API failure becomes an ApiError carrying the RFC 9457 problem, so pages can show the server's own
 * explanation (and field pointers) instead of a bare status code.
 */
export interface Problem {
  title?: string;
  detail?: string;
  code?: string;
  status?: number;
  errors?: { pointer: string; detail: string }[];
  /** Sign-in with accounts at several merchants: the ones the password opens, to choose from. */
  tenants?: { slug: string; name: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
  }

  /** The message of one field, by the tail of its JSON pointer (`/body/email` → "email"), or of an item of a list field (`/body/destinationHosts/2`). */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.pointer.endsWith(`/${field}`) || new RegExp(`/${field}/\\d+$`).test(e.pointer))?.detail;
  }
}

function asProblem(error: unknown): Problem {
  return error && typeof error === "object" ? (error as Problem) : {};
}

/**
 * Unwraps an openapi-fetch answer: the data, or an ApiError. `data` is undefined only for 204s, which the
 * callers of `must` never expect.
 */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw new ApiError(response.status, asProblem(error));
  return data;
}

/** For operations that answer 204 No Content. */
export async function mustSucceed(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, asProblem(error));
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
