import { newId } from "../../core/ids";
import type { ClickEvent } from "../../core/schemas/click-event";
import type { SeededProgram } from "../../scripts/lib/seed-program";

/** A well-formed click event for a seeded program, as the redirect Worker would enqueue it. */
export function clickEvent(p: SeededProgram, overrides: Partial<ClickEvent> = {}): ClickEvent {
  const ts = overrides.ts ?? Date.now();
  return {
    type: "click",
    v: 1,
    id: newId("click", ts),
    ts,
    tenantId: p.tenantId,
    linkId: p.linkId,
    campaignId: p.campaignId,
    affiliateId: p.affiliateId,
    visitorId: newId("visitor", ts),
    subIds: {},
    ipHash: null,
    country: "BR",
    userAgent: "Mozilla/5.0",
    referrerHost: null,
    adClickIds: {},
    isDuplicate: false,
    fraud: { score: 0, reasons: [], flagged: false },
    ...overrides,
  };
}
