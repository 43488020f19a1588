/**
 * The tracker's state machine: consent, the click id, the event queue and flushing. Everything the browser
 * provides comes in through `Deps`, so the logic runs under Node in tests.
 */
import type { Config } from "./config";
import { consentState, reportedConsent, type Choice } from "./consent";
import { cleanConversion, cleanProps, eventName } from "./events";
import { hashIdentity } from "./hash";
import { isClickId, newEventId } from "./ids";
import { capQueue, clearStored, readClick, readQueue, writeClick, writeQueue, type StorageLike } from "./storage";
import { beacon, delivered, post, refused, type Beacon, type Fetcher } from "./transport";
import type { EventType, TrackerEvent, Warn } from "./types";

export type Deps = {
  /** null when localStorage is unavailable (blocked cookies, sandboxed frame). */
  storage: StorageLike | null;
  fetch: Fetcher;
  sendBeacon?: Beacon;
  now: () => number;
  /** Debounce timer; tests pass one they fire by hand. */
  later: (fn: () => void, ms: number) => void;
  /** The current page URL (read on every event, since single-page apps change it). */
  href: () => string;
  referrer: string;
  /** navigator.globalPrivacyControl === true */
  gpc: boolean;
  warn: Warn;
};

export type Tracker = ReturnType<typeof createTracker>;

const BATCH_MAX = 50; // browserEventBatchSchema's limit
const DEBOUNCE_MS = 1000;
const URL_MAX = 2048;

export function clickFromUrl(href: string, param: string): string | null {
  const id = new URL(href).searchParams.get(param);
  return isClickId(id) ? id : null;
}

export function createTracker(config: Config, deps: Deps) {
  const { storage, warn } = deps;
  const landingClick = clickFromUrl(deps.href(), config.param);
  let choice: Choice;
  let queue: TrackerEvent[] = [];
  /** Ids acknowledged or refused on this page, so a persist never writes them back from another tab's copy. */
  const settled = new Set<string>();
  const inFlight = new Set<string>();
  let scheduled = false;
  let restored = false;

  const state = () => consentState(config.consentRequired, choice, deps.gpc);
  const allowed = () => state() == "granted";

  /** Our queue plus stored events we have not settled: another tab's, or a previous page's. */
  const merged = (s: StorageLike) =>
    capQueue(readQueue(s).filter((e) => !settled.has(e.id) && !queue.some((q) => q.id == e.id)).concat(queue));

  /** Writes the merged copy so two open tabs do not erase each other's unsent events. */
  function persist(): void {
    if (storage && allowed()) writeQueue(storage, merged(storage));
  }

  /** Runs whenever consent may have changed: store what we may, forget what we may not. */
  function applyConsent(): void {
    if (!allowed()) {
      restored = false;
      if (storage && state() == "denied") clearStored(storage);
      return;
    }
    if (restored) return;
    restored = true;
    if (storage) {
      // Events a previous page could not deliver go out with this page's first batch, same ids.
      queue = merged(storage);
      if (landingClick) writeClick(storage, { id: landingClick, at: deps.now() });
      persist();
    }
    if (landingClick) {
      // The Worker answers with an HttpOnly Set-Cookie, which Safari does not cap at 7 days like script cookies.
      // It checks the site's own consent setting, so it is told the shopper's choice, as /e is.
      const body = JSON.stringify({ site: config.site, clickId: landingClick, consent: reportedConsent(choice, deps.gpc) });
      post(deps.fetch, config.endpoint + "/click", body).then((status) => {
        if (!delivered(status)) warn("/click: HTTP", status);
      });
    }
  }

  function clickFor(type: EventType): Pick<TrackerEvent, "clickId" | "clickIdSource"> {
    // Without consent the landing URL's click id still rides on a conversion made on that same page.
    if (landingClick && (allowed() || type == "conversion")) return { clickId: landingClick, clickIdSource: "url" };
    const stored = storage && allowed() ? readClick(storage) : null;
    return stored ? { clickId: stored.id, clickIdSource: "local_storage" } : {};
  }

  function add(type: EventType, fields: Partial<TrackerEvent> = {}): void {
    const event: TrackerEvent = { id: newEventId(deps.now()), type, url: deps.href().slice(0, URL_MAX) };
    if (deps.referrer) event.referrer = deps.referrer.slice(0, URL_MAX);
    queue = capQueue(queue.concat(Object.assign(event, clickFor(type), fields)));
    persist();
    if (type == "conversion") flush();
    else if (!scheduled) {
      scheduled = true;
      deps.later(() => flush(), DEBOUNCE_MS);
    }
  }

  function settle(events: TrackerEvent[]): void {
    for (const e of events) settled.add(e.id);
    queue = queue.filter((e) => !settled.has(e.id));
    persist();
  }

  /**
   * Sends every queued event not already on its way. `hiding` uses sendBeacon, which outlives the page;
   * otherwise fetch, whose answer tells us whether to keep the events for a retry.
   */
  function flush(hiding = false): Promise<unknown> {
    scheduled = false;
    const ready = queue.filter((e) => !inFlight.has(e.id));
    const sends: Promise<void>[] = [];
    for (let i = 0; i < ready.length; i += BATCH_MAX) {
      const events = ready.slice(i, i + BATCH_MAX);
      const body = JSON.stringify({ site: config.site, consent: reportedConsent(choice, deps.gpc), events });
      const url = config.endpoint + "/e";
      if (hiding && beacon(deps.sendBeacon, url, body)) {
        settle(events);
        continue;
      }
      for (const e of events) inFlight.add(e.id);
      sends.push(
        post(deps.fetch, url, body).then((status) => {
          for (const e of events) inFlight.delete(e.id);
          if (refused(status)) warn("events dropped: HTTP", status);
          if (delivered(status) || refused(status)) settle(events);
        }),
      );
    }
    return Promise.all(sends);
  }

  return {
    /** After the pre-load commands have run, so a queued consent("granted") applies to the pageview. */
    start(): void {
      applyConsent();
      add("pageview");
    },
    flush,
    consent(value: unknown): void {
      if (value !== "granted" && value !== "denied") return warn("consent: granted or denied");
      choice = value;
      applyConsent();
      flush();
    },
    track(name: unknown, props?: unknown): void {
      const n = eventName(name);
      if (!n) return warn("track: bad name");
      add("custom", { name: n, props: cleanProps(props, warn) });
    },
    lead(props?: unknown): void {
      add("lead", { props: cleanProps(props, warn) });
    },
    conversion(input: unknown): void {
      const conversion = cleanConversion(input, warn);
      if (conversion) add("conversion", { conversion });
    },
    /** Identify links a shopper to a person, so it waits for consent; the raw value never leaves the page. */
    identify(input: unknown): Promise<void> | void {
      if (!allowed()) return;
      // Rejects where crypto.subtle is missing (plain http pages); that must not surface as an unhandled rejection.
      return hashIdentity(input && typeof input == "object" ? input : {}).then((identity) => {
        if (!identity) warn("identify: no email or customerId");
        else if (allowed()) add("identify", { identity });
      }, warn);
    },
  };
}
