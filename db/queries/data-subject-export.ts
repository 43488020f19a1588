/**
 * The right of access (LGPD art. 18 II, GDPR art. 15): every row of the subject, table by table, shaped like
 * the rest of the API (core/api-row.ts). Typed selects through the drizzle tables, so amounts come back as
 * numbers and instants as Dates, not as Postgres' text.
 */
import { sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { apiRow, camelCase } from "../../core/api-row";
import type { Executor } from "../client";
import { clicks, consents, conversions, events, failedEvents, identities, webhookDeliveries } from "../schema";
import { expandSubject, SUBJECT_TABLES, type Subject } from "./data-subjects";

const TABLES: Record<keyof typeof SUBJECT_TABLES, PgTable> = {
  clicks, events, identities, consents, conversions, failed_events: failedEvents, webhook_deliveries: webhookDeliveries,
};

/** The export, keyed by each table's API name (`failedEvents`, `webhookDeliveries`…). */
export async function exportSubject(db: Executor, subject: Subject): Promise<Record<string, Record<string, unknown>[]>> {
  const s = await expandSubject(db, subject);
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [name, t] of Object.entries(SUBJECT_TABLES)) {
    // The match conditions name columns without a table alias; a single-table select has none.
    const rows = await db.select().from(TABLES[name]).where(sql`tenant_id = ${s.tenantId} AND ${t.match(s)}`);
    out[camelCase(name)] = rows.map(apiRow);
  }
  return out;
}
