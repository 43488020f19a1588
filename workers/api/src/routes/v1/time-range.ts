/**
 * Dates and instants in query strings. A bare day (`2026-11-23`) means that day in the merchant's time
 * zone (`tenants.timezone`), which only Postgres knows per request, so days become SQL, not Dates.
 */
import { z } from "@hono/zod-openapi";
import { sql, type SQL } from "drizzle-orm";
import { EARLIEST_INSTANT, instantSchema, LATEST_INSTANT } from "../../../../../core/schemas/instant";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const instant = instantSchema;

/**
 * A real calendar day: 2026-02-30 matches the pattern but is no day. Days before 1970 or in 9999 are refused
 * too: year 0000 is no year to Postgres (it answered an unexplained 422), and 9999-12-31 in a zone west of
 * UTC ends in year 10000.
 */
export const isDay = (v: string): boolean => {
  if (!DAY.test(v)) return false;
  const start = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(start) && new Date(start).toISOString().startsWith(v) && start >= EARLIEST_INSTANT && start < LATEST_INSTANT - 86_400_000;
};

export const day = z.string().refine(isDay, "expected a day as YYYY-MM-DD, in the years 1970-9999");

export const instantOrDay = z
  .string()
  .refine((v) => isDay(v) || instant.safeParse(v).success, "expected a day (YYYY-MM-DD) or an instant (2026-11-23T10:00:00Z), in the years 1970-9999");

/** The merchant's time zone, for SQL inside the request's tenant scope. */
export const tenantZone = (tenantId: string): SQL => sql`(SELECT timezone FROM tenants WHERE id = ${tenantId})`;

/** Where a range starting at `from` starts: a day's first instant in the merchant's zone, or the instant. */
export function rangeStart(from: string, zone: SQL): SQL {
  return isDay(from) ? sql`(${from}::date::timestamp AT TIME ZONE ${zone})` : sql`${from}::timestamptz`;
}

/** Where a range ending at `to` ends (exclusive): after the whole day in the merchant's zone, or at the instant. */
export function rangeEnd(to: string, zone: SQL): SQL {
  return isDay(to) ? sql`((${to}::date + 1)::timestamp AT TIME ZONE ${zone})` : sql`${to}::timestamptz`;
}
