import { bigint, date, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { idText } from "./id-text";

/**
 * Report rollups, kept exact by statement-level triggers on clicks, conversions, refunds and commissions
 * (migrations 0017, 0025): every writer (queue consumer, API status changes, refunds, re-attribution,
 * scripts) moves them in its own transaction. Dimensions are NOT NULL with '' for "none" so the key is a plain primary key.
 * `currency` is '' on click rows; order and commission rows carry the order's currency.
 * `visitors` counts a visitor once per merchant-local day and key, at the hour of its first click that day,
 * so summing hours of one day gives that day's exact unique visitors for the key.
 */
const metrics = () => ({
  clicks: bigint("clicks", { mode: "number" }).notNull().default(0),
  visitors: bigint("visitors", { mode: "number" }).notNull().default(0),
  duplicates: bigint("duplicates", { mode: "number" }).notNull().default(0),
  flagged: bigint("flagged", { mode: "number" }).notNull().default(0),
  conversions: bigint("conversions", { mode: "number" }).notNull().default(0),
  revenue: bigint("revenue", { mode: "number" }).notNull().default(0),
  /**
   * What refunds gave back of those orders (migration 0025), keyed like the order itself (its time and
   * dimensions), never more than the order's amount; `revenue` stays gross, net is `revenue - refunded`.
   */
  refunded: bigint("refunded", { mode: "number" }).notNull().default(0),
  commissions: bigint("commissions", { mode: "number" }).notNull().default(0),
  commission: bigint("commission", { mode: "number" }).notNull().default(0),
});

const dimensions = () => ({
  tenantId: text("tenant_id").notNull(),
  campaignId: idText("campaign_id").notNull().default(""),
  affiliateId: idText("affiliate_id").notNull().default(""),
  sub1: idText("sub1").notNull().default(""),
  country: idText("country").notNull().default(""),
  device: idText("device").notNull().default(""),
  currency: idText("currency").notNull().default(""),
});

/** Per UTC hour: today's figures, hour-grain reports, days of zones other than the merchant's. */
export const reportHourly = pgTable(
  "report_hourly",
  { ...dimensions(), hour: timestamp("hour", { withTimezone: true }).notNull(), ...metrics() },
  (t) => [primaryKey({ columns: [t.tenantId, t.hour, t.campaignId, t.affiliateId, t.sub1, t.country, t.device, t.currency] })],
);

/** Per day in the merchant's time zone (tenants.timezone): what day, campaign, affiliate and sub-id reports read. */
export const reportDaily = pgTable(
  "report_daily",
  { ...dimensions(), day: date("day").notNull(), ...metrics() },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.campaignId, t.affiliateId, t.sub1, t.country, t.device, t.currency] })],
);
