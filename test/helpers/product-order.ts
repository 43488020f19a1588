/** The outside tester's walkthrough order (2026-11-24): an e-bike at a 3% product rate and a helmet at a flat 500, base rate 8%. */

/** Campaign rules as stored: 8% base, EBIKE-X1 at 3%, HELM-01 at a flat 500. */
export const productRules = {
  version: 1,
  base: { type: "percentage", bp: 800 },
  products: { "EBIKE-X1": { type: "percentage", bp: 300 }, "HELM-01": { type: "flat", amount: 500 } },
};

/** Order DE-10001, placed, 255890 BRL: 3% of 249900 plus 500 is a commission of 7997 (8% of the whole would be 20471). */
export const walkthroughOrder = (clickId: string) => ({
  orderId: "DE-10001",
  status: "placed",
  amount: 255_890,
  currency: "BRL",
  clickId,
  // An hour ahead, so the order is not flagged as click injection.
  occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
  items: [
    { sku: "EBIKE-X1", quantity: 1, unitAmount: 249_900 },
    { sku: "HELM-01", quantity: 1, unitAmount: 5_990 },
  ],
});
