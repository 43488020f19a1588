/**
 * How the redirect packs the clicks of a batch into queue messages. Apart from the zod schemas in
 * schemas/click-event.ts, which the consumer checks messages with: the redirect needs only the types.
 */
import type { ClickEvent } from "./schemas/click-event";

/** Queue messages stay under 128 KB; keep a margin for the envelope and encoding. */
const MAX_MESSAGE_BYTES = 100_000;

export type ClickBatchMessage = { type: "click_batch"; v: 1; clicks: ClickEvent[] };

/** Bytes of a message's JSON besides its clicks and their separators. */
const ENVELOPE_BYTES = JSON.stringify({ type: "click_batch", v: 1, clicks: [] }).length;

/**
 * Packs clicks into as few `click_batch` messages as the message size limit allows. Each message comes with
 * its JSON size, so the sender need not serialize it again to respect the queue's batch limit.
 */
export function packClicks(clicks: ClickEvent[]): { message: ClickBatchMessage; bytes: number }[] {
  const packed: { message: ClickBatchMessage; bytes: number }[] = [];
  let current: ClickEvent[] = [];
  let bytes = 0;
  const close = () => packed.push({ message: { type: "click_batch", v: 1, clicks: current }, bytes: ENVELOPE_BYTES + bytes });
  for (const click of clicks) {
    const size = JSON.stringify(click).length + 1;
    if (current.length > 0 && (bytes + size > MAX_MESSAGE_BYTES || current.length === 100)) {
      close();
      current = [];
      bytes = 0;
    }
    current.push(click);
    bytes += size;
  }
  if (current.length > 0) close();
  return packed;
}
