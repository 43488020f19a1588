import { expect } from "vitest";
import { newId } from "../../core/ids";
import type { ClickEvent } from "../../core/schemas/click-event";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { ADMIN_TOKEN, type TestStack } from "./stack";

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

/**
 * Sends a click through the queue late, the way a replay of a parked event does: an order that named it
 * arrived first (late-click and refund-before-order tests).
 */
export async function deliverClickLate(stack: TestStack, event: ClickEvent): Promise<void> {
  const failedId = newId("failedEvent");
  await stack.db.query(
    "INSERT INTO failed_events (id, tenant_id, source, event_type, event_id, payload, reason) VALUES ($1, $2, 'queue:indica-events-dlq', 'click', $3, $4, 'delayed in this test')",
    [failedId, event.tenantId, event.id, JSON.stringify(event)],
  );
  const res = await stack.fetch("indica-ingest", "https://ingest.test/admin/failed-events/replay", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ ids: [failedId] }),
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}
