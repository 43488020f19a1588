import { describe, expect, it } from "vitest";
import { browserEventBatchSchema } from "../../core/schemas/tracking";
import { capQueue, CLICK_KEY, QUEUE_KEY } from "./storage";
import { CLICK, fakeStorage, harness, LANDING, SITE, stored } from "./testing";
import type { TrackerEvent } from "./types";

const withClick = (param = "indica_cid", id = CLICK) => `${LANDING}&${param}=${id}`;
const OTHER_CLICK = "clk_01JB0000000000000000000001";
const setWrites = (writes: string[]) => writes.filter((w) => !w.startsWith("-"));

describe("click id", () => {
  it("comes from the landing URL, is kept in localStorage and stored server-side via /click", async () => {
    const h = harness({ href: withClick() });
    h.tracker.start();
    h.tick();
    await h.idle();
    expect(h.events()[0]).toMatchObject({ type: "pageview", clickId: CLICK, clickIdSource: "url", url: withClick(), referrer: "https://instagram.com/" });
    expect(stored(h.storage!, CLICK_KEY)).toEqual({ id: CLICK, at: expect.any(Number) });
    const [click] = h.clickCalls();
    // No choice yet on a site that does not require one: the server decides with the site's setting.
    expect(JSON.parse(click.body)).toEqual({ site: SITE, clickId: CLICK, consent: "unknown" });
    expect(click.init).toMatchObject({ method: "POST", credentials: "include", keepalive: true, headers: { "content-type": "text/plain" } });
  });

  it("falls back to the localStorage copy on later pages", async () => {
    const h = harness({ storage: fakeStorage({ [CLICK_KEY]: JSON.stringify({ id: CLICK, at: 1 }) }) });
    h.tracker.start();
    h.tick();
    await h.idle();
    expect(h.events()[0]).toMatchObject({ clickId: CLICK, clickIdSource: "local_storage" });
    expect(h.clickCalls()).toHaveLength(0);
  });

  it("prefers a new click on the URL over the stored one, and honours a custom parameter name", async () => {
    const h = harness({ param: "ref", href: withClick("ref"), storage: fakeStorage({ [CLICK_KEY]: JSON.stringify({ id: OTHER_CLICK, at: 1 }) }) });
    h.tracker.start();
    h.tick();
    await h.idle();
    expect(h.events()[0]).toMatchObject({ clickId: CLICK, clickIdSource: "url" });
    expect(stored(h.storage!, CLICK_KEY)).toMatchObject({ id: CLICK });
  });

  it("ignores values that are not click ids, which the server would refuse", async () => {
    const h = harness({ href: withClick("indica_cid", "clk_<script>"), storage: fakeStorage({ [CLICK_KEY]: '{"id":"nope","at":1}' }) });
    h.tracker.start();
    h.tick();
    await h.idle();
    expect(h.events()[0].clickId).toBeUndefined();
    expect(h.clickCalls()).toHaveLength(0);
  });
});

describe("consent", () => {
  it("when required and not given: stores nothing, calls no /click, sends no identify; the URL click rides only on a conversion", async () => {
    const storage = fakeStorage({ [CLICK_KEY]: JSON.stringify({ id: OTHER_CLICK, at: 1 }) });
    const h = harness({ consentRequired: true, href: withClick(), storage });
    h.tracker.start();
    h.tracker.track("signup_started");
    await h.tracker.identify({ email: "maria@example.com" });
    h.tracker.conversion({ orderId: "1", amount: 100, currency: "BRL" });
    h.tick();
    await h.idle();
    expect(storage.writes).toEqual([]);
    expect(h.clickCalls()).toHaveLength(0);
    expect(h.batches().every((b) => b.consent == "unknown")).toBe(true);
    const events = h.events();
    expect(events.map((e) => e.type).sort()).toEqual(["conversion", "custom", "pageview"]);
    for (const e of events) expect(e.clickId).toBe(e.type == "conversion" ? CLICK : undefined);
  });

  it("Global Privacy Control wins over an explicit grant", async () => {
    const h = harness({ gpc: true, href: withClick() });
    h.tracker.start();
    h.tracker.consent("granted");
    await h.tracker.identify({ email: "maria@example.com" });
    h.tracker.conversion({ orderId: "1", amount: 100, currency: "BRL" });
    await h.idle();
    expect(setWrites(h.storage!.writes)).toEqual([]);
    expect(h.clickCalls()).toHaveLength(0);
    expect(h.batches().every((b) => b.consent == "denied")).toBe(true);
    expect(h.events().map((e) => e.type).sort()).toEqual(["conversion", "pageview"]);
  });

  it("once granted, stores the click id, calls /click and flushes with consent granted", async () => {
    const h = harness({ consentRequired: true, href: withClick() });
    h.tracker.start();
    expect(h.requests).toHaveLength(0);
    h.tracker.consent("granted");
    await h.idle();
    expect(h.clickCalls()).toHaveLength(1);
    expect(JSON.parse(h.clickCalls()[0].body)).toMatchObject({ consent: "granted" });
    expect(stored(h.storage!, CLICK_KEY)).toMatchObject({ id: CLICK });
    expect(h.batches()).toEqual([expect.objectContaining({ consent: "granted" })]);
    // The pageview was made before consent: it carries no click id, later events do.
    h.tracker.track("x");
    h.tick();
    await h.idle();
    expect(h.events().map((e) => e.clickId)).toEqual([undefined, CLICK]);
  });

  it("a denial forgets what was stored and marks later batches denied", async () => {
    const h = harness({ href: withClick() });
    h.tracker.start();
    h.tracker.consent("denied");
    await h.idle();
    expect(h.storage!.data.size).toBe(0);
    expect(h.storage!.writes.slice(-2)).toEqual(["-" + CLICK_KEY, "-" + QUEUE_KEY]);
    expect(h.batches().at(-1)?.consent).toBe("denied");
  });

  it("warns on values other than granted and denied", () => {
    const h = harness();
    h.tracker.consent("yes");
    expect(h.warnings).toHaveLength(1);
  });
});

describe("identify", () => {
  it("sends only the hash of the normalised email, never the address", async () => {
    const h = harness();
    await h.tracker.identify({ email: " Maria@Example.com " });
    h.tick();
    await h.idle();
    const [event] = h.events();
    expect(event.type).toBe("identify");
    expect(event.identity?.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(h.requests.some((r) => /maria/i.test(r.body))).toBe(false);
  });
});

describe("queue and retries", () => {
  it("keeps events that could not be sent and resends them, same ids, on the next page load", async () => {
    const storage = fakeStorage();
    const first = harness({ storage, respond: () => new TypeError("Failed to fetch") });
    first.tracker.start();
    first.tracker.conversion({ orderId: "1", amount: 100, currency: "BRL" });
    first.tick();
    await first.idle();
    const kept = stored(storage, QUEUE_KEY) as TrackerEvent[];
    expect(kept.map((e) => e.type).sort()).toEqual(["conversion", "pageview"]);

    const next = harness({ storage });
    next.tracker.start();
    next.tick();
    await next.idle();
    const sent = next.events().map((e) => e.id);
    expect(sent).toEqual(expect.arrayContaining(kept.map((e) => e.id)));
    expect(sent).toHaveLength(3);
    expect(storage.data.has(QUEUE_KEY)).toBe(false);
  });

  it("retries 5xx, 408 and 429 with the same ids, and drops a 4xx batch with a warning", async () => {
    for (const status of [500, 503, 408, 429]) {
      const h = harness({ respond: () => status });
      h.tracker.conversion({ orderId: "1", amount: 100, currency: "BRL" });
      await h.idle();
      h.server.respond = () => 202;
      await h.tracker.flush();
      const [a, b] = h.batches();
      expect(b.events.map((e) => e.id)).toEqual(a.events.map((e) => e.id));
      expect(h.storage!.data.has(QUEUE_KEY)).toBe(false);
      expect(h.warnings).toEqual([]);
    }
    const h = harness({ respond: () => 400 });
    h.tracker.conversion({ orderId: "1", amount: 100, currency: "BRL" });
    await h.idle();
    await h.tracker.flush();
    expect(h.batches()).toHaveLength(1);
    expect(h.storage!.data.has(QUEUE_KEY)).toBe(false);
    expect(h.warnings).toEqual([["events dropped: HTTP", 400]]);
  });

  it("does not send an event twice while its request is in flight", async () => {
    const h = harness();
    h.tracker.track("a");
    void h.tracker.flush();
    void h.tracker.flush();
    await h.idle();
    expect(h.batches()).toHaveLength(1);
  });

  it("debounces ordinary events into one batch and sends conversions at once", async () => {
    const h = harness();
    h.tracker.start();
    h.tracker.track("a");
    h.tracker.lead({ plan: "pro" });
    expect(h.timers).toHaveLength(1);
    await h.idle();
    expect(h.requests).toHaveLength(0);
    h.tick();
    await h.idle();
    expect(h.batches()).toHaveLength(1);
    expect(h.events().map((e) => e.type)).toEqual(["pageview", "custom", "lead"]);
    h.tracker.conversion({ orderId: "1", amount: 100, currency: "BRL" });
    await h.idle();
    expect(h.batches()).toHaveLength(2);
  });

  it("splits more than 50 events into several batches", async () => {
    const h = harness();
    for (let i = 0; i < 60; i++) h.tracker.track("e" + i);
    await h.tracker.flush();
    expect(h.batches().map((b) => b.events.length)).toEqual([50, 10]);
  });

  it("uses sendBeacon with a text/plain Blob when the page is hidden, falling back to fetch if refused", async () => {
    const h = harness();
    h.tracker.track("a");
    await h.tracker.flush(true);
    expect(h.requests).toHaveLength(0);
    expect(h.beacons[0].url).toBe("/_indica/e");
    expect(h.beacons[0].body.type).toBe("text/plain");
    expect(JSON.parse(await h.beacons[0].body.text()).events[0].name).toBe("a");
    expect(h.storage!.data.has(QUEUE_KEY)).toBe(false);

    const refused = harness({ beacon: false });
    refused.tracker.track("b");
    await refused.tracker.flush(true);
    expect(refused.batches()).toHaveLength(1);
  });

  it("caps the stored queue, dropping the oldest non-conversions first", () => {
    const ev = (i: number, type: TrackerEvent["type"]): TrackerEvent => ({ id: `evt_${i}`, type, url: LANDING });
    const queue = [ev(0, "conversion"), ...Array.from({ length: 105 }, (_, i) => ev(i + 1, "pageview"))];
    const capped = capQueue(queue);
    expect(capped).toHaveLength(100);
    expect(capped[0].type).toBe("conversion");
    expect(capped[1].id).toBe("evt_7");
  });

  it("does not erase another tab's unsent events when persisting its own", async () => {
    const storage = fakeStorage();
    const offline = () => new TypeError("offline");
    const a = harness({ storage, respond: offline });
    const b = harness({ storage, respond: offline });
    a.tracker.track("from-a");
    b.tracker.track("from-b");
    await a.tracker.flush();
    a.server.respond = () => 204;
    await a.tracker.flush();
    expect((stored(storage, QUEUE_KEY) as TrackerEvent[]).map((e) => e.name)).toEqual(["from-b"]);
  });
});

describe("contract", () => {
  it("every batch the script sends is valid for the server's browserEventBatchSchema", async () => {
    const h = harness({ href: withClick() });
    h.tracker.start();
    h.tracker.track("signup", { plan: "pro", seats: 3, annual: true });
    h.tracker.lead();
    await h.tracker.identify({ email: "maria@example.com" });
    await h.tracker.identify({ customerId: "C-1" });
    h.tracker.conversion({ orderId: "PED-1", amount: 25_990, currency: "BRL", coupon: "MARIA10", items: [{ sku: "A", quantity: 2, unitAmount: 12_995 }] });
    h.tick();
    await h.idle();
    expect(h.events().map((e) => e.type).sort()).toEqual(["conversion", "custom", "identify", "identify", "lead", "pageview"]);
    for (const batch of h.batches()) expect(() => browserEventBatchSchema.parse(batch)).not.toThrow();
  });

  it("skips an order with a float amount, with a warning, rather than sending it", async () => {
    const h = harness();
    h.tracker.conversion({ orderId: "1", amount: 259.9, currency: "BRL" });
    await h.idle();
    expect(h.requests).toHaveLength(0);
    expect(h.warnings).toHaveLength(1);
  });
});
