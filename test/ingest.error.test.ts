/**
 * Bad input to every ingest endpoint (/_indica/e, /_indica/click, /v1/conversions, /v1/conversions/batch,
 * /v1/refunds): each refusal is an RFC 9457 problem (application/problem+json, with a JSON pointer for each
 * wrong field), never a 5xx, and nothing of a refused request is stored, not even its valid parts.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import {
  conversionEvent,
  drainQueue,
  eventBatch,
  expectIngestFieldErrors,
  expectIngestProblem,
  nothingStored,
  padTo,
  pageview,
  refund,
  richConversion,
  richEventBatch,
  s2sConversion,
  sendRetryingTransport,
  sha256,
  sleep,
  storedFor,
  waitForEvent,
  type Json,
  type Stored,
} from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";
import { BROWSER_UA, INGEST_ORIGIN, orderId, postEvents, serverPost } from "./helpers/tracking";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

type EndpointName = "/_indica/e" | "/_indica/click" | "/v1/conversions" | "/v1/conversions/batch" | "/v1/refunds";
const ENDPOINTS: EndpointName[] = ["/_indica/e", "/_indica/click", "/v1/conversions", "/v1/conversions/batch", "/v1/refunds"];

/** Sends a raw body (or none) to an endpoint, as its real caller would (the script posts text/plain). */
function send(p: SeededProgram, endpoint: EndpointName, body: string | undefined | { stream: ReadableStream; duplex: "half" }, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const tracking = endpoint.startsWith("/_indica/");
  const headers: Record<string, string> = tracking
    ? { "content-type": "text/plain", "user-agent": BROWSER_UA, "cf-connecting-ip": "198.51.100.23" }
    : { "content-type": "application/json", authorization: `Bearer ${p.apiKey}` };
  const url = tracking ? `${INGEST_ORIGIN}${endpoint}` : `https://ingest.indica.test${endpoint}`;
  const init = typeof body === "object" ? { body: body.stream, duplex: body.duplex } : { body };
  return stack.fetch("indica-ingest", url, { method: "POST", headers: { ...headers, ...extraHeaders }, ...init } as RequestInit);
}

/** A valid body for each endpoint. */
function validBody(p: SeededProgram, endpoint: EndpointName): Json {
  switch (endpoint) {
    case "/_indica/e":
      return eventBatch(p.tenantId, [pageview(), conversionEvent()]);
    case "/_indica/click":
      return { site: p.tenantId, clickId: newId("click") };
    case "/v1/conversions":
      return s2sConversion();
    case "/v1/conversions/batch":
      return { conversions: [s2sConversion(), s2sConversion()] };
    case "/v1/refunds":
      return refund(orderId());
  }
}

/** What a valid body of an endpoint stores, to compare with what the tenant has. */
function expectedFrom(endpoint: EndpointName, bodies: Json[]): Pick<Stored, "events" | "conversions" | "refunds"> {
  const uniqueSorted = (xs: string[]) => [...new Set(xs)].sort();
  const events = endpoint === "/_indica/e" ? bodies.flatMap((b) => b.events as Json[]) : [];
  const conversions =
    endpoint === "/_indica/e"
      ? events.filter((e) => e.type === "conversion" && e.conversion).map((e) => e.conversion.orderId)
      : endpoint === "/v1/conversions"
        ? bodies.map((b) => b.orderId)
        : endpoint === "/v1/conversions/batch"
          ? bodies.flatMap((b) => (b.conversions as Json[]).map((c) => c.orderId))
          : [];
  // A refund without a refund id is keyed by a hash of its order, amount, currency and time.
  const refunds = endpoint === "/v1/refunds" ? bodies.map((b) => b.refundId ?? `derived:${sha256(JSON.stringify([b.orderId, b.amount, b.currency, b.occurredAt ?? null]))}`) : [];
  return { events: uniqueSorted(events.map((e) => e.id)), conversions: uniqueSorted(conversions), refunds: uniqueSorted(refunds) };
}

/** The rows of a tenant that expectedFrom predicts, plus its parked events (there should be none). */
async function storedSummary(tenantId: string) {
  const s = await storedFor(stack, tenantId);
  const sorted = (xs: string[]) => [...xs].sort();
  return { events: sorted(s.events), conversions: sorted(s.conversions), refunds: sorted(s.refunds), failed: s.failed };
}

describe("bodies that are not JSON objects", () => {
  it.each(ENDPOINTS)("%s: invalid JSON is a 400 bad_request problem", async (endpoint) => {
    const p = await seedTestProgram(stack);
    for (const body of ["{not json", '{"site": ', "\u0000", "undefined", "NaN", "{'a': 1}", "[1,]", '{"a":1}}']) {
      const problem = await expectIngestProblem(await send(p, endpoint, body), 400, "bad_request");
      expect(problem.detail, JSON.stringify(body)).toMatch(/JSON/);
    }
  });

  it.each(ENDPOINTS)("%s: an empty body is a 400 bad_request problem", async (endpoint) => {
    const p = await seedTestProgram(stack);
    for (const body of [undefined, "", "   \n\t "]) {
      const problem = await expectIngestProblem(await send(p, endpoint, body), 400, "bad_request");
      expect(problem.detail).toMatch(/empty/);
    }
  });

  it.each(ENDPOINTS)("%s: JSON that is not an object is a 400 validation problem pointing at the body", async (endpoint) => {
    const p = await seedTestProgram(stack);
    for (const body of ["null", "[]", "42", '"texto"', "true", "[{}]"]) {
      await expectIngestFieldErrors(await send(p, endpoint, body), ["/body"]);
    }
  });

  it.each([
    ["/_indica/e", ["/body/site", "/body/events"]],
    ["/_indica/click", ["/body/site", "/body/clickId"]],
    ["/v1/conversions", ["/body/orderId", "/body/amount", "/body/currency"]],
    ["/v1/conversions/batch", ["/body/conversions"]],
    ["/v1/refunds", ["/body/orderId", "/body/amount", "/body/currency"]],
  ] as [EndpointName, string[]][])("%s: an empty object lists every missing field", async (endpoint, pointers) => {
    const p = await seedTestProgram(stack);
    const problem = await expectIngestFieldErrors(await send(p, endpoint, "{}"), pointers);
    expect(problem.errors).toHaveLength(pointers.length);
  });

  it("an unknown route is a 404 problem and a known one asked with another method a 405 with Allow, never a 5xx", async () => {
    const p = await seedTestProgram(stack);
    const cases: [string, string, string | null][] = [["GET", "/v1/conversions", "POST"], ["PUT", "/v1/refunds", "POST"], ["POST", "/v1/conversion", null], ["GET", "/_indica/e", "POST, OPTIONS"], ["DELETE", "/_indica/click", "POST, OPTIONS"], ["POST", "/v2/conversions", null]];
    for (const [method, path, allow] of cases) {
      const res = await stack.fetch("indica-ingest", `https://ingest.indica.test${path}`, { method, headers: { authorization: `Bearer ${p.apiKey}` } });
      expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
      const problem = await expectIngestProblem(res, allow ? 405 : 404, allow ? "method_not_allowed" : "not_found");
      if (path === "/v1/conversions") expect(problem.detail).toContain("Orders are read on the API host: GET /v1/conversions");
    }
  });
});

/** A field set to a bad value, and the pointer the problem must carry. */
type Case = [string, (p: SeededProgram) => Json, string];

const browserEvent = (o: Json) => (p: SeededProgram) => eventBatch(p.tenantId, [pageview(o)]);
const browserConversion = (c: Json) => (p: SeededProgram) => eventBatch(p.tenantId, [pageview(), conversionEvent({}, c)]);
const props26 = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, i]));

const EVENT_CASES: Case[] = [
  ["site as a number", () => ({ site: 42, events: [pageview()] }), "/body/site"],
  ["site of another kind", () => ({ site: newId("campaign"), events: [pageview()] }), "/body/site"],
  ["consent not one of the three", (p) => ({ ...eventBatch(p.tenantId, [pageview()]), consent: "yes" }), "/body/consent"],
  ["events as an object", (p) => ({ site: p.tenantId, events: { 0: pageview() } }), "/body/events"],
  ["no events", (p) => eventBatch(p.tenantId, []), "/body/events"],
  ["51 events", (p) => eventBatch(p.tenantId, Array.from({ length: 51 }, () => pageview())), "/body/events"],
  ["an event id that is not one", browserEvent({ id: "abc" }), "/body/events/0/id"],
  ["an event id of another kind", browserEvent({ id: newId("click") }), "/body/events/0/id"],
  ["an unknown event type", browserEvent({ type: "purchase" }), "/body/events/0/type"],
  ["a javascript: URL", browserEvent({ url: "javascript:alert(1)" }), "/body/events/0/url"],
  ["a relative URL", browserEvent({ url: "/produtos" }), "/body/events/0/url"],
  ["a URL with a control character", browserEvent({ url: `${INGEST_ORIGIN}/a\u0007b` }), "/body/events/0/url"],
  ["a URL over 2048 characters", browserEvent({ url: `${INGEST_ORIGIN}/${"a".repeat(2_100)}` }), "/body/events/0/url"],
  ["a name over 64 characters", browserEvent({ name: "n".repeat(65) }), "/body/events/0/name"],
  ["a click id that is not one", browserEvent({ clickId: "clk_nope" }), "/body/events/0/clickId"],
  ["a click id source the script may not claim", browserEvent({ clickId: newId("click"), clickIdSource: "cookie" }), "/body/events/0/clickIdSource"],
  ["26 properties", browserEvent({ props: props26 }), "/body/events/0/props"],
  ["a nested property", browserEvent({ props: { plano: { nome: "pro" } } }), "/body/events/0/props/plano"],
  ["a property value over 512 characters", browserEvent({ props: { texto: "x".repeat(513) } }), "/body/events/0/props/texto"],
  ["an empty identity", browserEvent({ identity: {} }), "/body/events/0/identity"],
  ["a raw email as the email hash", browserEvent({ identity: { emailHash: "maria@example.com" } }), "/body/events/0/identity/emailHash"],
  ["an upper-case hash", browserEvent({ identity: { emailHash: "A".repeat(64) } }), "/body/events/0/identity/emailHash"],
  ["a float amount", browserConversion({ amount: 199.9 }), "/body/events/1/conversion/amount"],
  ["an amount as a string", browserConversion({ amount: "19990" }), "/body/events/1/conversion/amount"],
  ["a negative amount", browserConversion({ amount: -1 }), "/body/events/1/conversion/amount"],
  ["an unknown currency", browserConversion({ currency: "XYZ" }), "/body/events/1/conversion/currency"],
  ["a lower-case currency", browserConversion({ currency: "brl" }), "/body/events/1/conversion/currency"],
  ["an empty order id", browserConversion({ orderId: "" }), "/body/events/1/conversion/orderId"],
];

const CONVERSION_CASES: Case[] = [
  ["a float amount", () => s2sConversion({ amount: 199.9 }), "/body/amount"],
  ["a tiny float amount", () => s2sConversion({ amount: 0.5 }), "/body/amount"],
  ["an amount as a string", () => s2sConversion({ amount: "199,90" }), "/body/amount"],
  ["a negative amount", () => s2sConversion({ amount: -100 }), "/body/amount"],
  ["an amount beyond 2^53", () => s2sConversion({ amount: 2 ** 60 }), "/body/amount"],
  ["a null amount", () => s2sConversion({ amount: null }), "/body/amount"],
  ["an unknown currency", () => s2sConversion({ currency: "XYZ" }), "/body/currency"],
  ["a currency as its ISO number", () => s2sConversion({ currency: 986 }), "/body/currency"],
  ["a lower-case currency", () => s2sConversion({ currency: "brl" }), "/body/currency"],
  ["an empty order id", () => s2sConversion({ orderId: "" }), "/body/orderId"],
  ["an order id over 128 characters", () => s2sConversion({ orderId: "p".repeat(129) }), "/body/orderId"],
  ["an order id as a number", () => s2sConversion({ orderId: 1234 }), "/body/orderId"],
  ["an order id with a newline", () => s2sConversion({ orderId: "pedido\n1" }), "/body/orderId"],
  ["a click id that is not one", () => s2sConversion({ clickId: "nope" }), "/body/clickId"],
  ["a visitor id of another kind", () => s2sConversion({ visitorId: newId("click") }), "/body/visitorId"],
  ["an email that is not one", () => s2sConversion({ customer: { email: "maria-at-example" } }), "/body/customer/email"],
  ["an email hash that is not a SHA-256", () => s2sConversion({ customer: { emailHash: "abc" } }), "/body/customer/emailHash"],
  ["a customer as a string", () => s2sConversion({ customer: "maria@example.com" }), "/body/customer"],
  ["an unknown status", () => s2sConversion({ status: "refunded" }), "/body/status"],
  ["a time that is not ISO 8601", () => s2sConversion({ occurredAt: "ontem" }), "/body/occurredAt"],
  ["a date without a time", () => s2sConversion({ occurredAt: "2026-04-01" }), "/body/occurredAt"],
  ["a zero quantity", () => s2sConversion({ items: [{ sku: "A", quantity: 0, unitAmount: 100 }] }), "/body/items/0/quantity"],
  ["a float unit amount", () => s2sConversion({ items: [{ sku: "A", quantity: 1, unitAmount: 99.9 }] }), "/body/items/0/unitAmount"],
  ["an item without a sku", () => s2sConversion({ items: [{ quantity: 1, unitAmount: 100 }] }), "/body/items/0/sku"],
  ["201 items", () => s2sConversion({ items: Array.from({ length: 201 }, (_, i) => ({ sku: `S${i}`, quantity: 1, unitAmount: 1 })) }), "/body/items"],
  ["26 metadata keys", () => s2sConversion({ metadata: props26 }), "/body/metadata"],
  ["nested metadata", () => s2sConversion({ metadata: { endereco: { cidade: "Recife" } } }), "/body/metadata/endereco"],
  ["a coupon over 64 characters", () => s2sConversion({ coupon: "C".repeat(65) }), "/body/coupon"],
];

const REFUND_CASES: Case[] = [
  ["a zero amount", () => refund(orderId(), { amount: 0 }), "/body/amount"],
  ["a float amount", () => refund(orderId(), { amount: 10.5 }), "/body/amount"],
  ["a negative amount", () => refund(orderId(), { amount: -500 }), "/body/amount"],
  ["an unknown currency", () => refund(orderId(), { currency: "BTC" }), "/body/currency"],
  ["a reason over 500 characters", () => refund(orderId(), { reason: "r".repeat(501) }), "/body/reason"],
  ["a refund id over 128 characters", () => refund(orderId(), { refundId: "r".repeat(129) }), "/body/refundId"],
  ["an order id as an array", () => refund(orderId(), { orderId: ["p1"] }), "/body/orderId"],
  ["a time that is not ISO 8601", () => refund(orderId(), { occurredAt: 1_700_000_000 }), "/body/occurredAt"],
];

const CLICK_CASES: Case[] = [
  ["a click id of another kind", (p) => ({ site: p.tenantId, clickId: newId("event") }), "/body/clickId"],
  ["a site as a number", () => ({ site: 7, clickId: newId("click") }), "/body/site"],
  ["a click id with a cookie injection", (p) => ({ site: p.tenantId, clickId: `${newId("click")}; Domain=evil.example` }), "/body/clickId"],
];

describe("fields with wrong types and values", () => {
  const table: [EndpointName, ...Case][] = [
    ...EVENT_CASES.map((c) => ["/_indica/e", ...c] as [EndpointName, ...Case]),
    ...CONVERSION_CASES.map((c) => ["/v1/conversions", ...c] as [EndpointName, ...Case]),
    ...REFUND_CASES.map((c) => ["/v1/refunds", ...c] as [EndpointName, ...Case]),
    ...CLICK_CASES.map((c) => ["/_indica/click", ...c] as [EndpointName, ...Case]),
  ];

  it.each(table)("%s: %s is refused with a pointer to the field", async (endpoint, _name, body, pointer) => {
    const p = await seedTestProgram(stack);
    const res = await send(p, endpoint, JSON.stringify(body(p)));
    await expectIngestFieldErrors(res, [pointer]);
    if (endpoint === "/_indica/click") expect(res.headers.get("set-cookie")).toBeNull();
  });

  it.each(CONVERSION_CASES)("/v1/conversions/batch: %s in the third conversion points into the batch", async (_name, body, pointer) => {
    const p = await seedTestProgram(stack);
    const conversions = [s2sConversion(), s2sConversion(), body(p), s2sConversion()];
    await expectIngestFieldErrors(await send(p, "/v1/conversions/batch", JSON.stringify({ conversions })), [pointer.replace("/body", "/body/conversions/2")]);
  });

  it("numbers JSON can write but JavaScript cannot hold are refused, not stored as Infinity", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    await expectIngestFieldErrors(await send(p, "/v1/conversions", `{"orderId":"${order}","amount":1e400,"currency":"BRL"}`), ["/body/amount"]);
    await expectIngestFieldErrors(await send(p, "/v1/refunds", `{"orderId":"${order}","amount":-1e400,"currency":"BRL"}`), ["/body/amount"]);
    const event = pageview();
    const body = JSON.stringify(eventBatch(p.tenantId, [{ ...event, props: { big: "PLACEHOLDER" } }])).replace('"PLACEHOLDER"', "1e999");
    await expectIngestFieldErrors(await send(p, "/_indica/e", body), ["/body/events/0/props/big"]);
  });

  it("text Postgres cannot hold (a lone UTF-16 surrogate) is refused at the edge, not accepted and then lost", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    const event = pageview();
    // JSON may escape half of a surrogate pair; JavaScript strings hold it, Postgres text and jsonb do not.
    const conversion = JSON.stringify(s2sConversion({ orderId: order, metadata: { nota: "LONE" } })).replace("LONE", "\\ud800");
    const events = JSON.stringify(eventBatch(p.tenantId, [{ ...event, props: { nota: "LONE" } }])).replace("LONE", "\\udfff");
    const s2s = await send(p, "/v1/conversions", conversion);
    const browser = await send(p, "/_indica/e", events);
    for (const res of [s2s, browser]) expect(res.status).toBeLessThan(500);

    // Control: a good event of the same tenant, sent afterwards, is stored.
    const control = pageview();
    expect((await postEvents(stack, eventBatch(p.tenantId, [control]))).status).toBe(202);
    await waitForEvent(stack, control.id);
    await sleep(1_500);
    const stored = await storedFor(stack, p.tenantId);
    // Whatever was accepted (202) must be stored; what was refused must be a 400 pointing at the field.
    if (s2s.status === 202) expect(stored.conversions, "accepted order").toContain(order);
    else await expectIngestFieldErrors(s2s, ["/body/metadata/nota"]);
    if (browser.status === 202) expect(stored.events, "accepted event").toContain(event.id);
    else await expectIngestFieldErrors(browser, ["/body/events/0/props/nota"]);
    expect(stored.failed, "events the edge accepted but the database refused").toBe(0);
  });

  it("several wrong fields are all listed at once", async () => {
    const p = await seedTestProgram(stack);
    const problem = await expectIngestFieldErrors(await send(p, "/v1/conversions", JSON.stringify({ orderId: "", amount: 1.5, currency: "ZZZ", status: "x" })), [
      "/body/orderId", "/body/amount", "/body/currency", "/body/status",
    ]);
    expect(problem.errors!.length).toBeGreaterThanOrEqual(4);
  });

  it("huge strings under the body limit are refused field by field", async () => {
    const p = await seedTestProgram(stack);
    await expectIngestFieldErrors(await send(p, "/v1/conversions", JSON.stringify(s2sConversion({ orderId: "p".repeat(500_000) }))), ["/body/orderId"]);
    await expectIngestFieldErrors(await send(p, "/v1/conversions", JSON.stringify(s2sConversion({ customer: { email: `${"a".repeat(400)}@example.com` } }))), ["/body/customer/email"]);
    await expectIngestFieldErrors(await send(p, "/v1/refunds", JSON.stringify(refund(orderId(), { reason: "r".repeat(60_000) }))), ["/body/reason"]);
    await expectIngestFieldErrors(await send(p, "/_indica/e", JSON.stringify(eventBatch(p.tenantId, [pageview({ url: `${INGEST_ORIGIN}/?q=${"x".repeat(60_000)}` })]))), [
      "/body/events/0/url",
    ]);
    await expectIngestFieldErrors(await send(p, "/_indica/e", JSON.stringify(eventBatch(p.tenantId, [pageview({ referrer: `https://r.example/${"x".repeat(3_000)}` })]))), [
      "/body/events/0/referrer",
    ]);
    await expectIngestFieldErrors(await send(p, "/_indica/click", JSON.stringify({ site: p.tenantId, clickId: "c".repeat(3_000) })), ["/body/clickId"]);
  });
});

describe("body size limits", () => {
  const LIMITS: [EndpointName, number][] = [
    ["/_indica/e", 64 * 1024],
    ["/_indica/click", 4 * 1024],
    ["/v1/conversions", 1024 * 1024],
    ["/v1/conversions/batch", 1024 * 1024],
    ["/v1/refunds", 64 * 1024],
  ];

  it.each(LIMITS)("%s: a valid body of exactly %i bytes is accepted, one byte more is a 413 and is not stored", async (endpoint, limit) => {
    const p = await seedTestProgram(stack);
    const atLimit = validBody(p, endpoint);
    const overLimit = validBody(p, endpoint);
    const accepted = await send(p, endpoint, padTo(JSON.stringify(atLimit), limit));
    expect(accepted.status, await accepted.clone().text()).toBeLessThan(300);

    // The Worker answers from Content-Length without reading the body, and workerd may then reset the
    // connection before the 413 arrives: only such a transport failure is retried, never a wrong answer.
    const refused = await sendRetryingTransport(() => send(p, endpoint, padTo(JSON.stringify(overLimit), limit + 1)));
    await expectIngestProblem(refused, 413, "payload_too_large");

    if (endpoint === "/_indica/click") return; // nothing to store
    const expected = expectedFrom(endpoint, [atLimit]);
    await waitFor(async () => JSON.stringify(await storedSummary(p.tenantId)) === JSON.stringify({ ...expected, failed: 0 }), 20_000, "the body at the limit");
    await sleep(1_500);
    expect(await storedSummary(p.tenantId)).toEqual({ ...expected, failed: 0 });
  });

  it.each(LIMITS)("%s: a streamed body (no Content-Length) over %i bytes is a 413", async (endpoint, limit) => {
    const p = await seedTestProgram(stack);
    const json = JSON.stringify(validBody(p, endpoint));
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(json));
        if (sent * chunk.byteLength <= limit) {
          controller.enqueue(chunk);
          sent++;
        } else controller.close();
      },
    });
    // The Worker reads a body without Content-Length to the end before answering, so no reset to retry.
    const res = await send(p, endpoint, { stream, duplex: "half" });
    await expectIngestProblem(res, 413, "payload_too_large");
  });
});

describe("a batch with one bad item", () => {
  it("/v1/conversions/batch: one float amount among good conversions refuses the whole batch; nothing of it is stored", async () => {
    const p = await seedTestProgram(stack);
    const conversions = [s2sConversion(), s2sConversion(), s2sConversion({ amount: 99.5 }), s2sConversion(), richConversion()];
    const problem = await expectIngestFieldErrors(await serverPost(stack, "/v1/conversions/batch", p.apiKey, { conversions }), ["/body/conversions/2/amount"]);
    expect(problem.errors).toHaveLength(1);

    // Control: a good batch of the same tenant, sent afterwards, is stored; the refused one never is.
    const control = [s2sConversion(), s2sConversion()];
    expect((await serverPost(stack, "/v1/conversions/batch", p.apiKey, { conversions: control })).status).toBe(202);
    const expected = control.map((c) => c.orderId).sort();
    await waitFor(async () => (await storedFor(stack, p.tenantId)).conversions.length >= 2, 20_000, "the control batch");
    await sleep(1_500);
    expect(await storedFor(stack, p.tenantId)).toEqual({ ...nothingStored, conversions: expected });
  });

  it("/v1/conversions/batch: every bad conversion is listed, and more than 100 conversions are refused", async () => {
    const p = await seedTestProgram(stack);
    const conversions = [s2sConversion({ currency: "XYZ" }), s2sConversion(), s2sConversion({ amount: "10" }), s2sConversion({ orderId: "" })];
    await expectIngestFieldErrors(await serverPost(stack, "/v1/conversions/batch", p.apiKey, { conversions }), [
      "/body/conversions/0/currency", "/body/conversions/2/amount", "/body/conversions/3/orderId",
    ]);
    await expectIngestFieldErrors(await serverPost(stack, "/v1/conversions/batch", p.apiKey, { conversions: Array.from({ length: 101 }, () => s2sConversion()) }), ["/body/conversions"]);
    await expectIngestFieldErrors(await serverPost(stack, "/v1/conversions/batch", p.apiKey, { conversions: [] }), ["/body/conversions"]);
    await expectIngestFieldErrors(await serverPost(stack, "/v1/conversions/batch", p.apiKey, [s2sConversion()]), ["/body"]);
  });

  it("/_indica/e: one bad event among good ones refuses the whole batch; nothing of it is stored", async () => {
    const p = await seedTestProgram(stack);
    const events = [pageview(), conversionEvent(), pageview({ url: "mailto:maria@example.com" }), conversionEvent({}, { amount: 10.01 })];
    await expectIngestFieldErrors(await postEvents(stack, eventBatch(p.tenantId, events, "granted")), ["/body/events/2/url", "/body/events/3/conversion/amount"]);

    const control = pageview();
    expect((await postEvents(stack, eventBatch(p.tenantId, [control]))).status).toBe(202);
    await waitForEvent(stack, control.id);
    await sleep(1_500);
    expect(await storedFor(stack, p.tenantId)).toEqual({ ...nothingStored, events: [control.id] });
  });
});

// -------------------------------------------------------------------------------------------------------------
// Fuzzing
// -------------------------------------------------------------------------------------------------------------

type Mutation = { at: number; op: "delete" } | { at: number; op: "set"; value: unknown } | { at: number; op: "add"; key: string; value: unknown };
type FuzzInput = { raw: string } | { mutations: Mutation[] };

const SPECIAL_VALUES: unknown[] = [
  null, "", " ", 0, -1, 1.5, 0.1, 1e21, -1e-7, 2 ** 53, true, false, [], {}, [null], "x".repeat(600), "\u0000", "a\u202eb", "💸", "<script>alert(1)</script>",
  "' OR 1=1 --", "clk_", "BRL", "brl", "XXX", "9".repeat(400), "2026-02-30T25:61:00Z", "https://", "javascript:alert(1)", newId("click"), newId("tenant"),
  "__proto__", { __proto__: null, constructor: "x" },
];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), op: fc.constant("delete" as const) }),
  fc.record({ at: fc.nat(), op: fc.constant("set" as const), value: fc.oneof(fc.constantFrom(...SPECIAL_VALUES), fc.jsonValue({ maxDepth: 2 })) }),
  fc.record({ at: fc.nat(), op: fc.constant("add" as const), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "tenantId")), value: fc.jsonValue({ maxDepth: 1 }) }),
);

const fuzzInputArb: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 1, arbitrary: fc.jsonValue().map((v) => ({ raw: JSON.stringify(v) })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw })) },
  { weight: 5, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }).map((mutations) => ({ mutations })) },
);

/** Every node of a JSON value below the root, as a path of keys. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [];
}

/** Applies mutations to a body; own properties only, so `__proto__` is a key like any other. */
function mutate(body: Json, mutations: Mutation[]): Json {
  const root = structuredClone(body);
  for (const m of mutations) {
    const paths = pathsOf(root);
    // Values are copied so that one run never changes the shared special values another run uses.
    const value = "value" in m ? JSON.parse(JSON.stringify(m.value)) : undefined;
    if (m.op === "add") {
      const containers = [[], ...paths].filter((path) => {
        const node = path.reduce((n: Json, k) => n[k], root);
        return node && typeof node === "object" && !Array.isArray(node);
      });
      const target = containers[m.at % containers.length].reduce((n: Json, k) => n[k], root);
      Object.defineProperty(target, m.key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (paths.length === 0) continue;
    const path = paths[m.at % paths.length];
    const parent = path.slice(0, -1).reduce((n: Json, k) => n[k], root);
    const key = path[path.length - 1];
    if (m.op === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else {
      Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

/** Rich valid bodies: every optional field is there to be mutated. */
function fuzzBase(p: SeededProgram, endpoint: EndpointName): Json {
  switch (endpoint) {
    case "/_indica/e":
      return richEventBatch(p.tenantId);
    case "/v1/conversions":
      return richConversion();
    case "/v1/conversions/batch":
      return { conversions: [richConversion(), s2sConversion(), richConversion({ customer: { emailHash: "a".repeat(64) }, status: "placed" })] };
    case "/v1/refunds":
      return refund(orderId(), { reason: "arrependimento", occurredAt: new Date().toISOString() });
    case "/_indica/click":
      return validBody(p, endpoint);
  }
}

describe("fuzzing", () => {
  it.each(ENDPOINTS)("%s: arbitrary JSON and mutated valid bodies never get a 5xx, and refused ones store nothing", async (endpoint) => {
    const p = await seedTestProgram(stack);
    const accepted: Json[] = [];
    let refused = 0;
    let valid = 0;

    await fc.assert(
      fc.asyncProperty(fuzzInputArb, async (input) => {
        const raw = "raw" in input ? input.raw : JSON.stringify(mutate(fuzzBase(p, endpoint), input.mutations));
        const res = await send(p, endpoint, raw);
        const text = await res.text();
        expect(res.status, `${raw.slice(0, 500)} -> ${text}`).toBeLessThan(500);
        if (res.status >= 400) {
          refused++;
          expect(res.headers.get("content-type"), text).toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(text);
          expect(problem).toMatchObject({ status: res.status, code: expect.any(String), type: expect.stringMatching(/^https:\/\//), title: expect.any(String) });
          if (problem.code === "validation_failed") {
            expect(problem.errors.length, text).toBeGreaterThan(0);
            for (const e of problem.errors) expect(e.pointer, text).toMatch(/^\/body(\/|$)/);
          }
          // 404 only when a mutation names a well-formed site id that does not exist.
          expect(endpoint.startsWith("/_indica/") ? [400, 404] : [400], text).toContain(res.status);
        } else {
          valid++;
          expect(res.status, text).toBe(endpoint === "/_indica/click" ? 204 : 202);
          accepted.push(JSON.parse(raw));
        }
      }),
      { seed: 20_260_427, numRuns: 150, endOnFailure: true },
    );

    // The mix must exercise both sides of validation, or the fuzzer is not testing much.
    expect(refused).toBeGreaterThan(30);
    expect(valid).toBeGreaterThan(5);
    if (endpoint === "/_indica/click") return;

    // Everything accepted is stored (once), nothing refused is: compare the tenant's rows with the accepted bodies.
    const expected = { ...expectedFrom(endpoint, accepted), failed: 0 };
    await waitFor(async () => JSON.stringify(await storedSummary(p.tenantId)) === JSON.stringify(expected), 30_000, "the accepted bodies' rows").catch(() => {});
    await drainQueue(stack, 1_000);
    expect(await storedSummary(p.tenantId)).toEqual(expected);
  });
});
