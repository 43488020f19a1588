import { sql } from "drizzle-orm";
import { char, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { idText } from "./id-text";

export const campaigns = pgTable(
  "campaigns",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** active | paused | archived: paused links still send shoppers on, without tracking. */
    status: text("status").notNull().default("active"),
    destinationUrl: text("destination_url").notNull(),
    currency: char("currency", { length: 3 }).notNull().default("BRL"),
    attributionWindowDays: integer("attribution_window_days").notNull().default(30),
    cookieLifetimeDays: integer("cookie_lifetime_days").notNull().default(30),
    dedupWindowSeconds: integer("dedup_window_seconds").notNull().default(30),
    /** Days a commission stays pending (returns window) before it is approved automatically. */
    lockDays: integer("lock_days").notNull().default(30),
    /** Velocity limits, flag threshold and paid-search rule (core/fraud-settings.ts); {} means the defaults. */
    fraudSettings: jsonb("fraud_settings").$type<Record<string, unknown>>().notNull().default({}),
    /** core/attribution/models.ts; last click unless the merchant chose otherwise. */
    attributionModel: jsonb("attribution_model").$type<Record<string, unknown>>().notNull().default({ kind: "last_click" }),
    /** core/attribution/conflict-rules.ts: link vs coupon, self-referral, direct visits, ties; {} means the defaults. */
    conflictRules: jsonb("conflict_rules").$type<Record<string, unknown>>().notNull().default({}),
    /** core/commission/rules.ts, versioned; 10% of the order by default. */
    commissionRules: jsonb("commission_rules").$type<Record<string, unknown>>().notNull().default({ version: 1, base: { type: "percentage", bp: 1000 } }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaigns_tenant_idx").on(t.tenantId, t.status)],
);

export const affiliates = pgTable(
  "affiliates",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    email: text("email").notNull(),
    /** pending | active | suspended */
    status: text("status").notNull().default("active"),
    /** The merchant's group for the affiliate (vip, influencers): commission rules may pay groups their own rate. */
    affiliateGroup: text("affiliate_group"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("affiliates_tenant_email_key").on(t.tenantId, sql`lower(${t.email})`)],
);

export const campaignMemberships = pgTable(
  "campaign_memberships",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    campaignId: idText("campaign_id").notNull().references(() => campaigns.id, { onDelete: "cascade" }),
    affiliateId: idText("affiliate_id").notNull().references(() => affiliates.id, { onDelete: "cascade" }),
    /** pending | approved | rejected */
    status: text("status").notNull().default("approved"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.affiliateId] }),
    index("campaign_memberships_affiliate_idx").on(t.tenantId, t.affiliateId),
  ],
);

export const links = pgTable(
  "links",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    campaignId: idText("campaign_id").notNull().references(() => campaigns.id),
    affiliateId: idText("affiliate_id").notNull().references(() => affiliates.id),
    /** The hostname the link is served on: the shared link domain or one of the merchant's domains. */
    domain: text("domain").notNull(),
    code: text("code").notNull(),
    destinationUrl: text("destination_url").notNull(),
    subIds: jsonb("sub_ids").$type<Record<string, string>>().notNull().default({}),
    /** active | disabled */
    status: text("status").notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The redirect's only lookup on a cache miss: (host, path) -> link, whatever the case of either, since
    // shoppers retype codes (core/link-code.ts normalizeLinkCode). Also what makes `Ana` and `ana` one code.
    uniqueIndex("links_domain_code_key").on(sql`lower(${t.domain})`, sql`lower(${t.code})`),
    index("links_tenant_campaign_idx").on(t.tenantId, t.campaignId),
    index("links_tenant_affiliate_idx").on(t.tenantId, t.affiliateId),
  ],
);
