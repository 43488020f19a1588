/** Fakes for the tracker's browser dependencies, shared by the unit tests (never bundled). */
import { newId } from "../../core/ids";
import type { Config } from "./config";
import { createTracker, type Deps } from "./tracker";
import type { Batch } from "./types";

export const SITE = newId("tenant", 1_700_000_000_000);
export const CLICK = newId("click", 1_700_000_000_000);
export const LANDING = "https://loja.example/p/tenis?utm_source=insta";

export type FakeStorage = Deps["storage"] & { data: Map<string, string>; writes: string[] };

/** Records every write, so the consent tests can assert that nothing at all was stored. */
export function fakeStorage(initial: Record<string, string> = {}): FakeStorage {
  const data = new Map(Object.entries(initial));
  const writes: string[] = [];
  return {
    data,
    writes,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => (writes.push(k), data.set(k, v), undefined),
    removeItem: (k) => (writes.push("-" + k), data.delete(k), undefined),
  };
}

/** What the fake server answers: a status, or an Error to simulate a network failure. */
export type Responder = (url: string, body: string) => number | Error;

export type Harness = ReturnType<typeof harness>;

export function harness(opts: Partial<Config> & { href?: string; storage?: FakeStorage | null; gpc?: boolean; respond?: Responder; beacon?: boolean } = {}) {
  const requests: { url: string; body: string; init: RequestInit }[] = [];
  const beacons: { url: string; body: Blob }[] = [];
  const timers: (() => void)[] = [];
  const warnings: unknown[][] = [];
  const clock = { now: 1_700_000_000_000 };
  const storage = opts.storage === undefined ? fakeStorage() : opts.storage;
  const server = { respond: opts.respond ?? ((): number | Error => 204) };
  const config: Config = { site: SITE, consentRequired: false, param: "indica_cid", endpoint: "/_indica", ...opts };
  const deps: Deps = {
    storage,
    fetch: async (url, init) => {
      const body = String(init.body);
      requests.push({ url, body, init });
      const answer = server.respond(url, body);
      if (answer instanceof Error) throw answer;
      return { status: answer };
    },
    sendBeacon: (url, body) => {
      beacons.push({ url, body });
      return opts.beacon ?? true;
    },
    now: () => clock.now++,
    later: (fn) => void timers.push(fn),
    href: () => opts.href ?? LANDING,
    referrer: "https://instagram.com/",
    gpc: opts.gpc ?? false,
    warn: (...parts) => void warnings.push(parts),
  };
  const tracker = createTracker(config, deps);
  return {
    tracker,
    storage,
    server,
    requests,
    beacons,
    timers,
    warnings,
    clock,
    /** Batches posted to /e, oldest first. */
    batches: (): Batch[] => requests.filter((r) => r.url == "/_indica/e").map((r) => JSON.parse(r.body)),
    clickCalls: () => requests.filter((r) => r.url == "/_indica/click"),
    events: () => requests.filter((r) => r.url == "/_indica/e").flatMap((r) => (JSON.parse(r.body) as Batch).events),
    /** Lets pending fetches and their handlers finish. */
    idle: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
    /** Fires the debounce timers, as the browser would after a second. */
    tick: () => timers.splice(0).forEach((fn) => fn()),
  };
}

export const stored = (s: FakeStorage, key: string): unknown => JSON.parse(s.data.get(key) ?? "null");
