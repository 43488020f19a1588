/**
 * Tells a passing database failure (retry later) from a row the database will never accept (park it in
 * failed_events). Only cardinality violations (class 21), data exceptions (22) and integrity violations
 * (23) are permanent; anything else, including errors with no SQLSTATE (socket closed, connect timeout) and
 * undefined-table errors while a migration is rolling out, is retried.
 */
export function isPermanentDataError(error: unknown): boolean {
  const code = sqlState(error);
  return code !== null && (code.startsWith("21") || code.startsWith("22") || code.startsWith("23"));
}

export function sqlState(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The database could not be reached or went away (no SQLSTATE, a socket-level failure, or an admin shutdown). */
export function isUnavailable(error: unknown): boolean {
  const code = sqlState(error);
  if (code) return code.startsWith("08") || code.startsWith("57P") || code === "53300";
  const message = error instanceof Error ? error.message : String(error);
  return /connect|socket|websocket|terminat|timeout|closed|ECONN/i.test(message);
}
