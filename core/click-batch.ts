/**
 * How the redirect packs the clicks of a batch into queue messages. Apart from the zod schemas in
 * schemas/click-event.ts, which the consumer checks messages with: the redirect needs only the types.
 */
import type { ClickEvent } from "./schemas/click-event";
import { utf8Length } from "./text";

/** Queue messages stay under 128 KB of UTF-8; keep a margin. */
const MAX_MESSAGE_BYTES = 100_000;

export type ClickBatchMessage = { type: "click_batch"; v: 1; clicks: ClickEvent[] };

/** A message's JSON text around its clicks (joined by commas). */
const OPEN = '{"type":"click_batch","v":1,"clicks":[';
const CLOSE = "]}";

/**
 * Packs clicks into as few `click_batch` messages as the message size limit allows, each as its JSON text
 * with that text's size in UTF-8 bytes. Each click is serialized once, for its size and its message alike; the queue
 * then carries the text as it is (`contentType: "text"`), where a message of objects would be walked again
 * by the queue's own serializer (and, across a process boundary, by every hop's). The consumer parses it.
 */
export function packClicks(clicks: ClickEvent[]): { message: string; bytes: number }[] {
  const packed: { message: string; bytes: number }[] = [];
  let current: string[] = [];
  let bytes = 0;
  const close = () => packed.push({ message: OPEN + current.join(",") + CLOSE, bytes: OPEN.length + bytes + current.length - 1 + CLOSE.length });
  for (const click of clicks) {
    const json = JSON.stringify(click);
    const size = utf8Length(json);
    if (current.length > 0 && (OPEN.length + bytes + size + current.length + CLOSE.length > MAX_MESSAGE_BYTES || current.length === 100)) {
      close();
      current = [];
      bytes = 0;
    }
    current.push(json);
    bytes += size;
  }
  if (current.length > 0) close();
  return packed;
}
