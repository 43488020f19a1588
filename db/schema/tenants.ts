import { sql } from "drizzle-orm";
import { boolean, char, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { idText } from "./id-text";

/** A merchant: the unit of tenancy. Every merchant-owned row carries `tenant_id`. */
export const tenants = pgTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  defaultCurrency: char("default_currency", { length: 3 }).notNull().default("BRL"),
  timezone: text("timezone").notNull().default("America/Sao_Paulo"),
  /** Query parameter that carries the click id to the merchant's site. */
  clickParam: text("click_param").notNull().default("indica_cid"),
  /** `Domain=` of the first-party cookies; null means host-only on the link domain. */
  cookieDomain: text("cookie_domain"),
  /** Where unknown codes on the merchant's own link domains go instead of a 404 page. */
  fallbackUrl: text("fallback_url"),
  /** not_required | required: with `required`, the tracking script stores nothing until consent (LGPD/GDPR). */
  consentMode: text("consent_mode").notNull().default("not_required"),
  /** Origins (https://loja.com.br) allowed to call the tracking endpoints cross-origin; same-origin needs none. */
  allowedOrigins: text("allowed_origins").array().notNull().default([]),
  /** Hosts (and their subdomains) links may send shoppers to besides those the campaigns, origins, cookie
   * domain and verified domains already name: the deep-link allow-list (workers/api/src/services/destination-hosts.ts). */
  destinationHosts: text("destination_hosts").array().notNull().default([]),
  /** Lifetime of the click cookie the tracking script asks the edge to set on the merchant's site. */
  clickCookieDays: integer("click_cookie_days").notNull().default(30),
  /** Where anomaly alerts are POSTed (signed like server-to-server requests); null: alerts are only listed. */
  alertWebhookUrl: text("alert_webhook_url"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Hostnames a merchant owns: link domains (go.loja.com.br) and tracking domains. */
export const domains = pgTable(
  "domains",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    hostname: text("hostname").notNull(),
    isLinkDomain: boolean("is_link_domain").notNull().default(true),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The redirect resolves the tenant from the Host header: one row per hostname, globally.
    uniqueIndex("domains_hostname_key").on(sql`lower(${t.hostname})`),
    index("domains_tenant_idx").on(t.tenantId),
  ],
);
