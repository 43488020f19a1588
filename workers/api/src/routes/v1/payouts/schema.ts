import { z } from "@hono/zod-openapi";
import { isId } from "../../../../../../core/ids";
import { pageOf, pageQuery } from "../../../lib/pagination";

const minor = (description: string) => z.number().int().openapi({ description: `${description}; minor units` });

export const balanceSchema = z
  .object({
    currency: z.string(),
    available: minor("What the next payout would pay: approved commissions past their lock period, less reversals, clawbacks and payouts (negative while clawbacks exceed new earnings)"),
    locked: minor("Approved commissions still inside their campaign's lock period (returns window): available once it ends"),
    pending: minor("Commissions not yet approved, less what refunds took back"),
    paid: minor("Paid out so far"),
    clawbackCarried: minor("Taken back after payout, carried into payouts"),
  })
  .openapi("Balance");

export const affiliateBalancesSchema = z.object({ affiliateId: z.string(), balances: z.array(balanceSchema).openapi({ description: "One per currency" }) }).openapi("AffiliateBalances");
export const balanceListSchema = pageOf(affiliateBalancesSchema, "BalanceList");

export const affiliateFilter = {
  affiliateId: z
    .string()
    .refine((v) => isId("affiliate", v), "expected an affiliate id (aff_...)")
    .optional()
    .openapi({ param: { name: "affiliateId", in: "query" }, description: "Affiliate users see only their own whatever this says." }),
};

export const balanceQuery = z.object({ ...affiliateFilter, ...pageQuery });

export const payoutSchema = z
  .object({
    id: z.string().openapi({ description: "The ledger entry of the payout", example: "led_01JB8Z5Q3X0000000000000000" }),
    affiliateId: z.string(),
    currency: z.string(),
    amount: minor("Paid to the affiliate (positive)"),
    reference: z.string().openapi({ description: "What the payout is known by (`payout:<id>`)" }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Payout");

export const payoutListSchema = pageOf(payoutSchema, "PayoutList");
export const payoutQuery = z.object({ ...affiliateFilter, ...pageQuery });
