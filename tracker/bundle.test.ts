/**
 * The committed bundle (workers/ingest/src/tracker/bundle.generated.ts) must match tracker/src and stay
 * within the size budget; and the minified output must actually run.
 */
import { webcrypto } from "node:crypto";
import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { buildTracker, gzipBytes, trackerHash } from "../scripts/build-tracker";
import { TRACKER_GZIP_BYTES, TRACKER_HASH, TRACKER_JS } from "../workers/ingest/src/tracker/bundle.generated";

const BUDGET_GZIP_BYTES = 3072;
const SITE = "tnt_01JB0000000000000000000000";

describe("tracker bundle", () => {
  it("is up to date with tracker/src (run `npm run build:tracker`)", async () => {
    const code = await buildTracker();
    expect(TRACKER_JS === code, "bundle.generated.ts is stale: run `npm run build:tracker`").toBe(true);
    expect(TRACKER_HASH).toBe(trackerHash(code));
    expect(TRACKER_GZIP_BYTES).toBe(gzipBytes(code));
  });

  it(`is at most ${BUDGET_GZIP_BYTES} bytes gzipped`, () => {
    expect(gzipBytes(TRACKER_JS)).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it("runs as minified in a bare context and sends the pageview", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => ({ status: 204 }));
    const listeners: Record<string, () => void> = {};
    const tag = { getAttribute: (name: string) => (name == "data-site" ? SITE : null) };
    const window: Record<string, unknown> = {};
    const timers: (() => void)[] = [];
    Object.assign(window, {
      window,
      document: { currentScript: tag, querySelector: () => null, referrer: "", hidden: false },
      navigator: { sendBeacon: () => false },
      location: { href: "https://loja.example/?indica_cid=clk_01JB0000000000000000000001" },
      localStorage: { getItem: () => null, setItem: () => {}, removeItem: () => {} },
      addEventListener: (type: string, fn: () => void) => (listeners[type] = fn),
      setTimeout: (fn: () => void) => timers.push(fn),
      fetch,
      console,
      crypto: webcrypto,
      URL,
      Blob,
      TextEncoder,
    });
    runInNewContext(TRACKER_JS, window);
    expect(typeof window.indica).toBe("function");
    timers.forEach((fn) => fn());
    await new Promise((resolve) => setTimeout(resolve, 0));
    const urls = fetch.mock.calls.map(([url]) => url);
    expect(urls.sort()).toEqual(["/_indica/click", "/_indica/e"]);
    const batch = JSON.parse(String(fetch.mock.calls.find(([url]) => url == "/_indica/e")![1].body));
    expect(batch).toMatchObject({ site: SITE, consent: "unknown", events: [{ type: "pageview", clickIdSource: "url" }] });
    expect(Object.keys(listeners).sort()).toEqual(["online", "pagehide", "visibilitychange"]);
  });
});
