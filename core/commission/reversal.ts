/**
 * How much of a commission a refund takes back: the refunded fraction of the order, rounded down so a
 * series of partial refunds never reverses more than was earned; a refund that completes the order's
 * refund takes back whatever is left.
 */
export function reversalAmount(p: { commission: number; alreadyReversed: number; orderAmount: number; refundedBefore: number; refund: number }): number {
  const left = Math.max(0, p.commission - p.alreadyReversed);
  if (p.orderAmount <= 0 || p.refundedBefore + p.refund >= p.orderAmount) return left;
  const share = Number((BigInt(p.commission) * BigInt(p.refund)) / BigInt(p.orderAmount));
  return Math.min(left, share);
}
