/**
 * Tells a passing database failure (retry later) from a row the database will never accept (park it in
 * failed_events). Only data exceptions (SQLSTATE class 22) and integrity violations (class 23) are
 * permanent; anything else, including errors with no SQLSTATE (socket closed, connect timeout) and
 * undefined-table errors while a migration is rolling out, is retried.
 */
export function isPermanentDataError(error: unknown): boolean {
  const code = sqlState(error);
  return code !== null && (code.startsWith("22") || code.startsWith("23"));
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
