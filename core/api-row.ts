/**
 * A database row as the API shows it (docs/api.md conventions): camelCase names and instants as ISO 8601
 * UTC strings. Rows come from drizzle's typed selects, so amounts are already numbers (bigint columns in
 * `number` mode, integer minor units) and instants are Dates.
 */
export const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Top-level Dates become ISO strings; JSON columns (event copies, metadata) are kept as they were stored. */
export function apiRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[camelCase(key)] = value instanceof Date ? value.toISOString() : value;
  return out;
}
