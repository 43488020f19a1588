/**
 * The public `window.indica`: an object with methods that is also callable as `indica("track", ...)`, the
 * form the pre-load stub records. Every entry point swallows errors: a tracking bug must never break a shop.
 */
import type { Tracker } from "./tracker";
import type { Warn } from "./types";

export const METHODS = ["track", "lead", "identify", "conversion", "consent", "flush"] as const;
type Method = (typeof METHODS)[number];

export type Api = ((method: string, ...args: unknown[]) => unknown) & { [M in Method]: (...args: unknown[]) => unknown } & { loaded: true };

/** What the snippet's stub leaves behind: `indica.q` holds the `arguments` of each early call. */
export type Stub = { q?: ArrayLike<unknown>[] };

export function createApi(tracker: Tracker, warn: Warn): Api {
  const call = (method: unknown, ...args: unknown[]): unknown => {
    try {
      if (!METHODS.includes(method as Method)) return warn("unknown command", method);
      // Arguments stay `unknown`: page code is untyped, so each method checks its own at run time.
      // The promise identify and flush return never rejects, so it is safe to hand to the page.
      return (tracker[method as Method] as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      warn(e);
    }
  };
  const api = call as Api;
  for (const m of METHODS) api[m] = (...args: unknown[]) => call(m, ...args);
  api.loaded = true;
  return api;
}

/** Runs the calls made before the script loaded, in order. */
export function replay(api: Api, stub: Stub | undefined): void {
  const calls = (stub && stub.q) || [];
  for (let i = 0; i < calls.length; i++) api(...([].slice.call(calls[i]) as unknown[] as [string, ...unknown[]]));
}
