/**
 * Asks the visitor's and the network's guard objects about a click, off the shopper's critical path and
 * with a time limit: a slow or failing object never blocks or loses a click, it only means the click is
 * recorded without dedup and velocity checks (fail-open).
 */
import { velocitySignals } from "../core/click-signals";
import type { FraudReason, VelocityLimits } from "../core/fraud";
import type { IpVelocity } from "./ip-guard";
import type { VisitorClick, VisitorVerdict } from "./visitor-guard";

export interface GuardStubs {
  visitor: { recordClick(click: VisitorClick): Promise<VisitorVerdict> };
  /** Null when the request carried no IP (nothing to count by). */
  ip: { hit(at: number): Promise<IpVelocity> } | null;
}

export interface GuardOutcome {
  duplicate: boolean;
  reasons: FraudReason[];
  /** False when the objects did not answer in time or failed. */
  checked: boolean;
}

export const GUARD_TIMEOUT_MS = 250;

export async function guardClick(stubs: GuardStubs, click: VisitorClick, limits: VelocityLimits, timeoutMs = GUARD_TIMEOUT_MS): Promise<GuardOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const answers = await Promise.race([Promise.all([stubs.visitor.recordClick(click), stubs.ip ? stubs.ip.hit(click.at) : null]), timeout]);
    if (!answers) return { duplicate: false, reasons: [], checked: false };
    const [visitor, ip] = answers;
    const reasons = velocitySignals(
      { ipLastMinute: ip?.lastMinute ?? 0, ipLastHour: ip?.lastHour ?? 0, visitorAffiliateLastHour: visitor.affiliateClicksLastHour },
      limits,
    );
    return { duplicate: visitor.duplicate, reasons, checked: true };
  } catch {
    return { duplicate: false, reasons: [], checked: false };
  } finally {
    clearTimeout(timer);
  }
}
