/**
 * How much of a commission a refund takes back, from the order's cumulative refunded total: after this
 * refund, the commission's reversed total is floor(commission × refunded so far ÷ order amount), capped at the
 * commission (a refund that completes the order's refund takes back whatever is left); this refund's reversal
 * is that total minus what earlier refunds already took back. Rounding the cumulative total once, rather than
 * each refund's share on its own, keeps a series of partial refunds from falling short of the exact fraction,
 * and rounding down keeps it from ever reversing more than was earned.
 */
export function reversalAmount(p: { commission: number; alreadyReversed: number; orderAmount: number; refundedBefore: number; refund: number }): number {
  const left = Math.max(0, p.commission - p.alreadyReversed);
  const refundedAfter = p.refundedBefore + p.refund;
  if (p.orderAmount <= 0 || refundedAfter >= p.orderAmount) return left;
  const reversedAfter = Math.min(p.commission, Number((BigInt(p.commission) * BigInt(Math.max(0, refundedAfter))) / BigInt(p.orderAmount)));
  return Math.max(0, Math.min(left, reversedAfter - p.alreadyReversed));
}
