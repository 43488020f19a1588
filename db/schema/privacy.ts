import { boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { idText } from "./id-text";

/**
 * A merchant's retention policy (docs/data-model.md, Retention). No row: the defaults. Raw events are
 * clicks and browser events; IP-derived data is their `ip_hash`, cleared well before the rows go.
 */
export const retentionPolicies = pgTable("retention_policies", {
  tenantId: text("tenant_id").primaryKey(),
  rawEventMonths: integer("raw_event_months").notNull().default(25),
  ipHashDays: integer("ip_hash_days").notNull().default(30),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Consent given or withdrawn by a shopper on the merchant's site (LGPD art. 8, GDPR art. 7(1): the
 * controller must be able to show it). One row per decision, never updated: the latest row per
 * (subject, purpose) is the state. The subject is the visitor id and, when known, hashed email / customer id.
 */
export const consents = pgTable(
  "consents",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    visitorId: idText("visitor_id"),
    emailHash: idText("email_hash"),
    customerIdHash: idText("customer_id_hash"),
    /** analytics | marketing | affiliate_tracking */
    purpose: text("purpose").notNull(),
    granted: boolean("granted").notNull(),
    /** Where the decision came from: banner, api, import. */
    source: text("source").notNull(),
    /** The version of the merchant's privacy notice shown when the decision was made. */
    policyVersion: text("policy_version"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("consents_tenant_visitor_idx").on(t.tenantId, t.visitorId, t.recordedAt),
    index("consents_tenant_email_idx").on(t.tenantId, t.emailHash),
  ],
);
