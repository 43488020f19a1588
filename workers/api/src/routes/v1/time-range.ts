/**
 * Dates and instants in query strings. A bare day (`2026-11-23`) means that day in the merchant's time
 * zone (`tenants.timezone`), which only Postgres knows per request, so days become SQL, not Dates.
 */
import { z } from "@hono/zod-openapi";
import { sql, type SQL } from "drizzle-orm";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const instant = z.iso.datetime({ offset: true });

/** A real calendar day: 2026-02-30 matches the pattern but is no day. */
export const isDay = (v: string): boolean => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export const day = z.string().refine(isDay, "expected a day as YYYY-MM-DD");

export const instantOrDay = z
  .string()
  .refine((v) => isDay(v) || instant.safeParse(v).success, "expected a day (YYYY-MM-DD) or an instant (2026-11-23T10:00:00Z)");

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
