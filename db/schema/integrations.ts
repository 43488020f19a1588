import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { idText } from "./id-text";

/**
 * A merchant's store or billing platform (Shopify, WooCommerce, Nuvemshop, Stripe) sending its webhooks to
 * `POST /v1/integrations/{platform}/{id}` on the ingest Worker. The webhook secret verifies each delivery;
 * it is sealed with SECRETS_KEY because it must be readable to verify, and is never shown again.
 */
export const integrationConnections = pgTable(
  "integration_connections",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    /** shopify | woocommerce | nuvemshop | stripe */
    platform: text("platform").notNull(),
    name: text("name").notNull(),
    sealedSecret: text("sealed_secret").notNull(),
    /** Only Nuvemshop: its webhooks name the order, which is then read with this token (sealed too). */
    sealedAccessToken: text("sealed_access_token"),
    /** The store on the platform (Nuvemshop store id, Shopify shop domain), when the platform names it. */
    externalAccount: text("external_account"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("integration_connections_tenant_idx").on(t.tenantId)],
);

/**
 * Deliveries already processed, by the platform's own delivery id (Shopify's X-Shopify-Webhook-Id, Stripe's
 * event id, ...): a second delivery with the same id is a replay and is not processed again.
 */
export const integrationDeliveries = pgTable(
  "integration_deliveries",
  {
    connectionId: idText("connection_id").notNull().references(() => integrationConnections.id, { onDelete: "cascade" }),
    deliveryId: idText("delivery_id").notNull(),
    tenantId: text("tenant_id").notNull(),
    topic: text("topic").notNull(),
    /** What came of it: accepted (queued), ignored (a topic we do not import), parked (failed_events). */
    outcome: text("outcome").notNull(),
    /** Later deliveries of the same id, refused as replays. */
    replays: integer("replays").notNull().default(0),
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.deliveryId] }), index("integration_deliveries_tenant_idx").on(t.tenantId, t.receivedAt)],
);
