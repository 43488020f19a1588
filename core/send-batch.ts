/**
 * A Queue's sendBatch takes at most 100 messages and 256 KB in all. Everything that sends several messages
 * at once (the redirect's click batches, the EventBuffer's flush, a replay of failed events) cuts them here,
 * with a margin under the byte limit; a send over either limit fails whole.
 */
import { utf8Length } from "./text";

export const MAX_BATCH_MESSAGES = 100;
export const MAX_BATCH_BYTES = 240_000;

/** `sizes[i]`, when given, is message i's JSON size in UTF-8 bytes (a caller that already measured it). */
export function chunkForSendBatch<T>(messages: readonly T[], sizes?: readonly number[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  messages.forEach((message, i) => {
    const size = sizes?.[i] ?? utf8Length(JSON.stringify(message) ?? "");
    if (current.length > 0 && (current.length === MAX_BATCH_MESSAGES || bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}
