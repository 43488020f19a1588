/**
 * Orders and refunds dated too far ahead of their arrival are refused with a field error, as any other bad
 * field (core/schemas/instant.ts says why). The limit is the Worker's `MAX_EVENT_LEAD_HOURS`, 24 by default.
 */
import { z } from "zod";
import { DEFAULT_EVENT_LEAD_HOURS, eventLeadMessage, isTooFarAhead } from "../../../../core/schemas/instant";
import type { IngestEnv } from "../env";

export function eventLeadHours(env: Pick<IngestEnv, "MAX_EVENT_LEAD_HOURS">): number {
  const hours = Number(env.MAX_EVENT_LEAD_HOURS);
  return Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_EVENT_LEAD_HOURS;
}

/** A validation error naming each event dated too far ahead (`path` is where its `occurredAt` sits), or null. */
export function eventsTooFarAhead(env: Pick<IngestEnv, "MAX_EVENT_LEAD_HOURS">, events: { occurredAt?: string }[], path: (index: number) => (string | number)[], now = Date.now()): z.ZodError | null {
  const hours = eventLeadHours(env);
  const issues = events.flatMap((e, i) =>
    isTooFarAhead(e.occurredAt, now, hours * 3_600_000) ? [{ code: "custom" as const, path: [...path(i), "occurredAt"], message: eventLeadMessage(hours), input: e.occurredAt }] : [],
  );
  return issues.length > 0 ? new z.ZodError(issues) : null;
}
