import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { idText } from "./id-text";

/** A merchant's subscription: which event types go to which URL, signed with the endpoint's own secret. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description"),
    /** Event types (`conversion.created`, `commission.approved`, ...); empty means all of them. */
    eventTypes: text("event_types").array().notNull().default([]),
    /** The signing secret, sealed with SECRETS_KEY (core/secret-box.ts): it must be readable to sign. */
    sealedSecret: text("sealed_secret").notNull(),
    /** active | disabled */
    status: text("status").notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_tenant_idx").on(t.tenantId)],
);

/**
 * One row per (endpoint, event): the delivery log. Retried with backoff until delivered or out of
 * attempts; `next_attempt_at` is what the scheduled sender picks up.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    endpointId: idText("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: idText("event_id").notNull(),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").notNull(),
    /** pending | delivered | failed */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_endpoint_idx").on(t.tenantId, t.endpointId, t.createdAt),
    // An event is delivered to an endpoint once, however often it is announced (at-least-once upstream).
    uniqueIndex("webhook_deliveries_event_key").on(t.endpointId, t.eventId),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);
