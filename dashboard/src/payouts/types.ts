/** The payout shapes the API answers with, and the providers a batch can be paid through. */
import type { components } from "../../../sdk";

export type PayoutBatch = components["schemas"]["PayoutBatch"];
export type PayoutBatchWithItems = components["schemas"]["PayoutBatchWithItems"];
export type PayoutItem = components["schemas"]["PayoutItem"];
export type PayoutMethod = components["schemas"]["PayoutMethod"];
export type PayoutDetails = components["schemas"]["PayoutDetails"];
export type Provider = PayoutBatch["provider"];

export const PROVIDERS: Provider[] = ["csv", "csv_pix", "pix", "stripe_connect", "paypal"];

/** CSV batches are never sent anywhere: the merchant pays from the bank and records what was paid. */
export const isCsv = (p: Provider) => p === "csv" || p === "csv_pix";
