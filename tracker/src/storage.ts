/**
 * The script's own localStorage copies: the click id (fallback for the server-set cookie) and the queue of
 * events not yet acknowledged. Callers check consent first; nothing here decides whether storing is allowed.
 */
import { isClickId } from "./ids";
import type { TrackerEvent } from "./types";

export type StorageLike = { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };

export const CLICK_KEY = "indica_click";
export const QUEUE_KEY = "indica_q";
export const QUEUE_CAP = 100;

export type StoredClick = { id: string; at: number };

/**
 * Runs a browser call that may throw, giving undefined instead. localStorage throws when site data is
 * blocked, in sandboxed frames and when full; losing the stored copy is better than breaking the page.
 */
export function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

const read = (storage: StorageLike, key: string): unknown => safely(() => JSON.parse(storage.getItem(key) || "null"));

export function readClick(storage: StorageLike): StoredClick | null {
  const v = read(storage, CLICK_KEY) as StoredClick | null;
  return v && isClickId(v.id) ? v : null;
}

export function writeClick(storage: StorageLike, click: StoredClick): void {
  safely(() => storage.setItem(CLICK_KEY, JSON.stringify(click)));
}

export function readQueue(storage: StorageLike): TrackerEvent[] {
  const v = read(storage, QUEUE_KEY);
  // Only enough shape to not crash; a corrupted event makes its batch a 4xx, which drops it for good.
  return Array.isArray(v) ? v.filter((e) => e && e.id) : [];
}

export function writeQueue(storage: StorageLike, events: TrackerEvent[]): void {
  safely(() => (events.length ? storage.setItem(QUEUE_KEY, JSON.stringify(events)) : storage.removeItem(QUEUE_KEY)));
}

/** Over the cap, the oldest non-conversion events go first: an order is what affiliates are paid on. */
export function capQueue(events: TrackerEvent[], cap = QUEUE_CAP): TrackerEvent[] {
  const out = events.slice();
  while (out.length > cap) {
    const i = out.findIndex((e) => e.type != "conversion");
    out.splice(i < 0 ? 0 : i, 1);
  }
  return out;
}

/** Consent withdrawn: forget what we kept (the HttpOnly cookie is the server's to clear). */
export function clearStored(storage: StorageLike): void {
  safely(() => (storage.removeItem(CLICK_KEY), storage.removeItem(QUEUE_KEY)));
}
