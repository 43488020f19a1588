/**
 * What happens to a batch of clicks after their shoppers were redirected: one question per guard shard
 * for the whole batch, the fraud assessment, then the queue (or the EventBuffer object if the queue fails).
 */
import { assess } from "../../../../core/fraud";
import { packClicks } from "../../../../core/click-batch";
import type { ClickEvent } from "../../../../core/schemas/click-event";
import { GUARD_TIMEOUT_MS, guardClicks, type GuardOutcome } from "../../../../durable-objects/click-guard";
import { bufferShardName, enqueueEvents } from "../../../../durable-objects/enqueue";
import { shardCounts } from "../../../../durable-objects/shard";
import type { RedirectEnv } from "../env";
import type { PendingClick } from "./click-event";

export async function recordClicks(env: RedirectEnv, pending: PendingClick[]): Promise<void> {
  const outcomes: GuardOutcome[] =
    env.FRAUD_GUARDS === "off"
      ? pending.map(() => ({ duplicate: false, reasons: [], checked: false }))
      : await guardClicks(
          pending.map((p) => p.guard),
          { visitors: (name) => env.VISITOR_GUARD.getByName(name), networks: (name) => env.IP_GUARD.getByName(name) },
          shardCounts(env.GUARD_SHARDS),
          Number(env.GUARD_TIMEOUT_MS ?? GUARD_TIMEOUT_MS),
        );
  const events: ClickEvent[] = pending.map((p, i) => ({
    ...p.event,
    isDuplicate: outcomes[i].duplicate,
    fraud: assess([...p.requestReasons, ...outcomes[i].reasons], p.flagThreshold),
  }));
  const packed = packClicks(events);
  await enqueueEvents(
    env.EVENTS,
    packed.map((p) => p.message),
    { buffer: () => env.EVENT_BUFFER.getByName(bufferShardName()), sizes: packed.map((p) => p.bytes), contentType: "text" },
  );
}
