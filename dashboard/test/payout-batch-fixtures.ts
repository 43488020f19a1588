/** A payout batch as GET /v1/payout-batches/{id} answers it, its affiliates, and an API problem: for the batch page tests. */
export const item = (id: string, affiliateId: string, over: Record<string, unknown> = {}) => ({
  id, affiliateId, currency: "BRL", amount: 10_000, status: "pending", providerReference: null, attempts: 0, lastError: null, paidAt: null, ...over,
});
export const batch = (over: Record<string, unknown> = {}, items = [item("pyi_1", "aff_1"), item("pyi_2", "aff_2", { amount: 2_345 })]) => ({
  id: "pay_1", currency: "BRL", provider: "pix", status: "draft", minimumAmount: 1_000, totalAmount: 12_345, itemCount: 2,
  createdAt: "2026-11-23T12:00:00Z", sentAt: null, completedAt: null, ...over, items,
});
export const affiliates = () => ({
  items: [
    { id: "aff_1", name: "Maria Souza", email: "m@x", status: "active", affiliateGroup: null, createdAt: "2026-11-01T00:00:00Z" },
    { id: "aff_2", name: "Bruno Lima", email: "b@x", status: "active", affiliateGroup: null, createdAt: "2026-11-01T00:00:00Z" },
  ],
  nextCursor: null,
});
export const problem = (status: number, body: Record<string, unknown>) => Response.json({ status, ...body }, { status, headers: { "content-type": "application/problem+json" } });
