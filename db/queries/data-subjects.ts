/**
 * Data-subject requests (LGPD art. 18, GDPR arts. 15 and 17) for a merchant's shoppers: every table that
 * holds a shopper's identifiers, how to find the shopper's rows in it and what erasure does to them.
 * test/privacy.security.test.ts compares this list with information_schema, so a new table with a
 * `visitor_id`, `email_hash`, `customer_id_hash`, `value_hash` or event-copy `payload` column fails the
 * test until it is added here.
 */
import { sql, type SQL } from "drizzle-orm";
import { camelCase } from "../../core/api-row";
import { newId } from "../../core/ids";
import { rowsOf, type Executor } from "../client";
import { clickKeysCondition, clicksOfOrders } from "./data-subject-clicks";

export interface Subject {
  tenantId: string;
  visitorIds: string[];
  emailHashes: string[];
  customerIdHashes: string[];
  /** Clicks named by the person's orders (found by expandSubject), whatever visitor id they carry. */
  clickIds?: string[];
}

type Erasure = "delete" | "anonymize";

interface SubjectTable {
  /** The identifier columns it holds (checked against information_schema). */
  columns: string[];
  /** Rows of the subject, as a WHERE condition over the table (alias-free). */
  match: (s: Subject) => SQL;
  erase: Erasure;
  /** What `anonymize` sets; `stranger` is a fresh visitor id that links to nothing. */
  anonymize?: (stranger: string) => SQL;
}

const anyOf = (column: string, values: string[]) => (values.length ? sql`${sql.raw(column)} = ANY(${sql.param(values)}::text[])` : sql`false`);
const byIds = (s: Subject) => sql`(${anyOf("visitor_id", s.visitorIds)} OR ${anyOf("email_hash", s.emailHashes)} OR ${anyOf("customer_id_hash", s.customerIdHashes)})`;
/** Event copies (parked events, webhook payloads): any row whose JSON names one of the identifiers. */
const inPayload = (s: Subject) => {
  const values = [...s.visitorIds, ...s.emailHashes, ...s.customerIdHashes];
  return values.length ? sql`payload::text LIKE ANY(${sql.param(values.map((v) => `%"${v.replace(/[\\%_]/g, (m) => `\\${m}`)}"%`))}::text[])` : sql`false`;
};

export const SUBJECT_TABLES: Record<string, SubjectTable> = {
  // Clicks feed the report rollups and the orders credited to them: they stay, unlinkable. The person's
  // clicks get one fresh visitor id (so unique-visitor counts stay exact), no IP hash, referrer or ad
  // click ids, and a user agent reduced to its device class (which the rollups are keyed by).
  clicks: {
    columns: ["visitor_id"],
    match: (s) => sql`(${anyOf("visitor_id", s.visitorIds)} OR ${clickKeysCondition(s.clickIds ?? [])})`,
    erase: "anonymize",
    anonymize: (stranger) => sql`visitor_id = ${stranger}, ip_hash = NULL, referrer_host = NULL, ad_click_ids = '{}'::jsonb,
      user_agent = CASE indica_device_of(user_agent) WHEN 'other' THEN NULL ELSE 'erased (' || indica_device_of(user_agent) || ')' END`,
  },
  events: { columns: ["visitor_id", "email_hash", "customer_id_hash"], match: byIds, erase: "delete" },
  identities: {
    columns: ["visitor_id", "value_hash"],
    match: (s) => sql`(${anyOf("visitor_id", s.visitorIds)} OR (kind = 'email' AND ${anyOf("value_hash", s.emailHashes)}) OR (kind = 'customer' AND ${anyOf("value_hash", s.customerIdHashes)}))`,
    erase: "delete",
  },
  consents: { columns: ["visitor_id", "email_hash", "customer_id_hash"], match: byIds, erase: "delete" },
  // Orders are money records the merchant must keep (tax, commissions paid): the order stays, without
  // anything that points at the person.
  conversions: {
    columns: ["visitor_id", "email_hash", "customer_id_hash"],
    match: byIds,
    erase: "anonymize",
    anonymize: () => sql`visitor_id = NULL, email_hash = NULL, customer_id_hash = NULL, metadata = '{}'::jsonb`,
  },
  failed_events: { columns: ["payload"], match: inPayload, erase: "delete" },
  webhook_deliveries: { columns: ["payload"], match: inPayload, erase: "delete" },
};

/**
 * The subject's visitors include those stitched to its hashed email or customer id (cross-device), then
 * the clicks its orders name and those clicks' visitors (db/queries/data-subject-clicks.ts). One round:
 * a visitor found through an order's click brings its own rows, not a further search.
 */
export async function expandSubject(db: Executor, s: Subject): Promise<Subject> {
  let visitorIds = s.visitorIds;
  if (s.emailHashes.length || s.customerIdHashes.length) {
    const rows = rowsOf(
      await db.execute<{ visitor_id: string }>(sql`SELECT DISTINCT visitor_id FROM identities WHERE tenant_id = ${s.tenantId}
        AND ((kind = 'email' AND ${anyOf("value_hash", s.emailHashes)}) OR (kind = 'customer' AND ${anyOf("value_hash", s.customerIdHashes)}))`),
    );
    visitorIds = [...new Set([...visitorIds, ...rows.map((r) => r.visitor_id)])];
  }
  const orders = await clicksOfOrders(db, s.tenantId, byIds({ ...s, visitorIds }));
  return { ...s, visitorIds: [...new Set([...visitorIds, ...orders.visitorIds])], clickIds: orders.clickIds };
}

/** Deletes or anonymizes the subject's rows in every table; returns the count per table (by its API name). Idempotent. */
export async function eraseSubject(db: Executor, subject: Subject): Promise<Record<string, number>> {
  const s = await expandSubject(db, subject);
  const stranger = newId("visitor");
  const counts: Record<string, number> = {};
  for (const [table, t] of Object.entries(SUBJECT_TABLES)) {
    const where = sql`tenant_id = ${s.tenantId} AND ${t.match(s)}`;
    const statement = t.erase === "delete" ? sql`DELETE FROM ${sql.raw(table)} WHERE ${where} RETURNING 1` : sql`UPDATE ${sql.raw(table)} SET ${t.anonymize!(stranger)} WHERE ${where} RETURNING 1`;
    counts[camelCase(table)] = rowsOf(await db.execute(statement)).length;
  }
  return counts;
}
