/**
 * Boots the real entry point (index.ts) against fake browser globals: the snippet's stub queue, the
 * callable `window.indica`, and the page lifecycle listeners.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { CLICK, fakeStorage, LANDING, SITE } from "./testing";

type Callable = ((...args: unknown[]) => unknown) & Record<string, unknown>;

function browser(attrs: Record<string, string> = { "data-site": SITE }, href = `${LANDING}&indica_cid=${CLICK}`) {
  const win: { indica?: Callable } = {};
  // The snippet merchants paste, verbatim apart from `win` standing in for `window`.
  win.indica =
    win.indica ||
    (function () {
      // The snippet keeps `arguments` objects, so this stub must use `arguments` too.
      ((win.indica!.q as unknown[]) = (win.indica!.q as unknown[]) || []).push(arguments);
    } as unknown as Callable);
  const listeners: Record<string, () => void> = {};
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => ({ status: 204 }));
  const sendBeacon = vi.fn((_url: string, _body: Blob) => true);
  const storage = fakeStorage();
  const tag = { getAttribute: (name: string) => attrs[name] ?? null };
  vi.stubGlobal("window", win);
  vi.stubGlobal("document", { currentScript: tag, querySelector: () => null, referrer: "", hidden: false });
  vi.stubGlobal("navigator", { sendBeacon });
  vi.stubGlobal("location", { href });
  vi.stubGlobal("localStorage", storage);
  vi.stubGlobal("fetch", fetch);
  vi.stubGlobal("addEventListener", (type: string, fn: () => void) => (listeners[type] = fn));
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const load = async () => {
    vi.resetModules();
    await import("./index");
  };
  const posted = (path: string) => fetch.mock.calls.filter(([url]) => url == "/_indica" + path).map(([, init]) => JSON.parse(String(init.body)));
  return { win, listeners, fetch, sendBeacon, storage, warn, load, posted };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("index (browser entry)", () => {
  it("replays calls made before it loaded, in order, then exposes a callable API", async () => {
    const b = browser({ "data-site": SITE, "data-consent": "required" });
    b.win.indica!("consent", "granted");
    b.win.indica!("track", "early", { step: 1 });
    b.win.indica!("conversion", { orderId: "PED-1", amount: 100, currency: "BRL" });
    await b.load();

    const api = b.win.indica!;
    expect(api.loaded).toBe(true);
    for (const m of ["track", "lead", "identify", "conversion", "consent", "flush"]) expect(typeof api[m]).toBe("function");
    api("track", "late");
    await (api.flush as () => Promise<unknown>)();

    expect(b.posted("/click")).toEqual([{ site: SITE, clickId: CLICK, consent: "granted" }]);
    const batches = b.posted("/e");
    expect(batches.every((x) => x.consent == "granted" && x.site == SITE)).toBe(true);
    const events = batches.flatMap((x) => x.events);
    // Replayed calls come before the automatic pageview, so a queued consent applies to it.
    expect(events.map((e: { type: string; name?: string }) => e.name ?? e.type)).toEqual(["early", "conversion", "pageview", "late"]);
  });

  it("sends with sendBeacon when the page is hidden", async () => {
    const b = browser();
    await b.load();
    b.listeners.pagehide();
    expect(b.sendBeacon).toHaveBeenCalledTimes(1);
    expect(b.sendBeacon.mock.calls[0][0]).toBe("/_indica/e");
  });

  it("keeps what failed to send and retries it when the browser is back online", async () => {
    const b = browser();
    b.fetch.mockRejectedValue(new TypeError("Failed to fetch"));
    await b.load();
    await (b.win.indica!.flush as () => Promise<unknown>)();
    expect(JSON.parse(b.storage.data.get("indica_q")!)).toHaveLength(1);
    b.fetch.mockResolvedValue({ status: 204 });
    b.listeners.online();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(b.storage.data.has("indica_q")).toBe(false);
    const ids = b.posted("/e").map((batch) => batch.events[0].id);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });

  it("never throws into the page: a failing call becomes a console warning", async () => {
    const b = browser();
    await b.load();
    const props = {
      get boom(): string {
        throw new Error("boom");
      },
    };
    expect(() => b.win.indica!("track", "x", props)).not.toThrow();
    expect(() => b.win.indica!("nope")).not.toThrow();
    expect(b.warn).toHaveBeenCalledTimes(2);
    expect(b.warn.mock.calls[0][0]).toBe("[indica]");
  });

  it("without a valid data-site, warns and leaves the stub queueing", async () => {
    const b = browser({ "data-site": "tnt_x" });
    const stub = b.win.indica;
    await b.load();
    expect(b.win.indica).toBe(stub);
    expect(b.fetch).not.toHaveBeenCalled();
    expect(b.warn).toHaveBeenCalledWith("[indica]", "bad data-site");
  });

  it("loads once even if the loader injects it twice", async () => {
    const b = browser();
    await b.load();
    const api = b.win.indica;
    await b.load();
    expect(b.win.indica).toBe(api);
  });
});
