import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { day } from "../time-range";

export const MAX_REPORT_DAYS = 366;
export const MAX_HOUR_REPORT_DAYS = 31;
const GROUP_BY = ["day", "hour", "campaign", "affiliate", "subId", "country", "device"] as const;

export const summaryQuery = z
  .object({
    groupBy: z
      .enum(GROUP_BY)
      .default("day")
      .openapi({ param: { name: "groupBy", in: "query" }, description: `Days and hours are the merchant's (tenants.timezone); \`hour\` covers at most ${MAX_HOUR_REPORT_DAYS} days` }),
    subIdKey: z.enum(["sub1", "sub2", "sub3", "sub4", "sub5"]).default("sub1").openapi({ param: { name: "subIdKey", in: "query" }, description: "Which sub-id `groupBy=subId` groups by" }),
    from: day.optional().openapi({ param: { name: "from", in: "query" }, description: "First day, in your time zone; 29 days before `to` when omitted", example: "2026-11-01" }),
    to: day.optional().openapi({ param: { name: "to", in: "query" }, description: "Last day (included), in your time zone; today when omitted", example: "2026-11-30" }),
    campaignId: z.string().refine((v) => isId("campaign", v), "expected a campaign id (cmp_...)").optional().openapi({ param: { name: "campaignId", in: "query" } }),
    affiliateId: z
      .string()
      .refine((v) => isId("affiliate", v), "expected an affiliate id (aff_...)")
      .optional()
      .openapi({ param: { name: "affiliateId", in: "query" }, description: "Affiliate users get only their own rows whatever this says." }),
    sub1: z.string().max(200).optional().openapi({ param: { name: "sub1", in: "query" }, description: "Only clicks and orders of this sub1 value" }),
    country: z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166 country code").optional().openapi({ param: { name: "country", in: "query" }, example: "BR" }),
    device: z.enum(["mobile", "tablet", "desktop", "other"]).optional().openapi({ param: { name: "device", in: "query" } }),
    compare: z.enum(["previous"]).optional().openapi({ param: { name: "compare", in: "query" }, description: "Also report the period of the same length just before `from`" }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "must not be before from" });

const amountSchema = z
  .object({
    currency: z.string(),
    revenue: z.number().int().openapi({ description: "Gross: orders' amounts, not cancelled, before refunds; minor units" }),
    refunded: z
      .number()
      .int()
      .openapi({ description: "What refunds gave back of those same orders (counted with the order's day and keys, not the refund's), as sent; minor units" }),
    netRevenue: z.number().int().openapi({ description: "revenue - refunded; below zero only if refunds exceeded the orders' amounts; minor units" }),
    commission: z.number().int().openapi({ description: "Commissions on those orders less what refunds took back, rejected ones left out; minor units" }),
  })
  .openapi("ReportAmount");

export const summaryRowSchema = z
  .object({
    key: z.string().nullable().openapi({ description: "The day (YYYY-MM-DD), campaign id, affiliate id or sub-id value; null for orders with none (e.g. not matched)" }),
    clicks: z.number().int().openapi({ description: "Every recorded click, repeats included" }),
    uniqueVisitors: z.number().int().openapi({ description: "Distinct visitors per day and per campaign, affiliate, sub1, country and device, summed over those (docs/reporting.md)" }),
    flaggedClicks: z.number().int().openapi({ description: "Clicks flagged by the fraud checks" }),
    conversions: z.number().int().openapi({ description: "Orders not cancelled; by the day they occurred and the affiliate they were matched to" }),
    conversionsFromClicks: z.number().int().openapi({
      description:
        "Of `conversions`, the orders matched to a click (not coupon-only or unmatched orders). Divided by `clicks` it is the click conversion rate: `conversions` / `clicks` counts orders no click brought and can pass 100%",
    }),
    amounts: z.array(amountSchema).openapi({ description: "Per currency: amounts in different currencies are never added up" }),
  })
  .openapi("ReportRow");

export const summarySchema = z
  .object({
    groupBy: z.enum(GROUP_BY),
    from: z.string(),
    to: z.string(),
    timezone: z.string(),
    rows: z.array(summaryRowSchema).openapi({ description: "Only groups with any activity, by key" }),
    previous: z
      .object({ from: z.string(), to: z.string(), rows: z.array(summaryRowSchema) })
      .optional()
      .openapi({ description: "With `compare=previous`: the same report for the period of equal length ending the day before `from`" }),
  })
  .openapi("ReportSummary");

export type SummaryQuery = z.infer<typeof summaryQuery>;
