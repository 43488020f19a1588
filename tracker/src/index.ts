/**
 * Browser entry: wires the tracker to window, document and navigator, replays the snippet's stub queue
 * and installs `window.indica`. Built by scripts/build-tracker.ts into the ingest Worker's s.<hash>.js.
 */
import { createApi, replay, type Api, type Stub } from "./api";
import { findScriptTag, readConfig } from "./config";
import { safely } from "./storage";
import { createTracker } from "./tracker";
import type { Warn } from "./types";

type IndicaWindow = Window & { indica?: (Stub & Partial<Api>) | Api };

const warn: Warn = (...parts) => console.warn("[indica]", ...parts);

function boot(): void {
  const w = window as IndicaWindow;
  const existing = w.indica;
  if (existing && existing.loaded) return; // the loader ran twice; one tracker per page
  const config = readConfig(findScriptTag(document));
  if (!config) return warn("bad data-site");

  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  const tracker = createTracker(config, {
    // Reading the property throws when the shopper blocks site data.
    storage: safely(() => localStorage) || null,
    fetch: (url, init) => fetch(url, init),
    sendBeacon: nav.sendBeacon && ((url, body) => nav.sendBeacon(url, body)),
    now: Date.now,
    later: (fn, ms) => setTimeout(fn, ms),
    href: () => location.href,
    referrer: document.referrer,
    gpc: nav.globalPrivacyControl === true,
    warn,
  });
  const api = createApi(tracker, warn);
  w.indica = api;
  replay(api, existing);
  tracker.start();

  const hide = () => tracker.flush(true);
  addEventListener("pagehide", hide);
  // visibilitychange bubbles from document to window; hidden is the last reliable moment on mobile.
  addEventListener("visibilitychange", () => document.hidden && hide());
  addEventListener("online", () => tracker.flush());
}

try {
  boot();
} catch (e) {
  warn(e);
}
