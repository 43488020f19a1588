/**
 * POST /_indica/e: a batch of browser events from the tracking script. Validated whole (a bad batch is
 * refused with field errors and nothing of it is kept), enriched at the edge, queued one message per event.
 */
import type { Hono } from "hono";
import { mayStoreIdentifiers, shopperConsent } from "../../../../core/consent";
import { CLICK_COOKIE, readCookie, serializeCookie, VISITOR_COOKIE, VISITOR_COOKIE_MAX_AGE } from "../../../../core/cookie";
import { describeUserAgent, redactEmails } from "../../../../core/enrich";
import { isId, newId } from "../../../../core/ids";
import { hashIp } from "../../../../core/ip";
import { browserEventBatchSchema, type BrowserEvent } from "../../../../core/schemas/tracking";
import type { BrowserEventMessage } from "../../../../core/schemas/queue-event";
import { cookieDomainFor, isOriginAllowed } from "../../../../core/site-record";
import type { IngestHonoEnv } from "../env";
import { invalidBody, problemFrom, simpleProblem } from "../lib/problems";
import { readJsonBody } from "../lib/read-json";
import { enqueue } from "../services/enqueue";
import { consentCookieChange } from "../services/consent-cookie";
import { resolveSite } from "../services/site-resolver";
import { corsHeaders } from "./cors";

const MAX_BATCH_BYTES = 64 * 1024;

function withoutIdentifiers(event: BrowserEvent): BrowserEvent {
  const keepClick = event.type === "conversion" && event.clickIdSource !== "local_storage";
  return { ...event, identity: undefined, clickId: keepClick ? event.clickId : undefined, clickIdSource: keepClick ? event.clickIdSource : undefined };
}

export function registerTrackEvents(app: Hono<IngestHonoEnv>): void {
  // `/e` is the same endpoint for setups that give the ingest Worker its own hostname.
  app.on("POST", ["/_indica/e", "/e"], async (c) => {
    const body = await readJsonBody(c.req, MAX_BATCH_BYTES);
    if (!body.ok) return problemFrom(c, body.error);
    const parsed = browserEventBatchSchema.safeParse(body.value);
    if (!parsed.success) return invalidBody(c, parsed.error);
    const batch = parsed.data;

    const site = await resolveSite(c.env, c.executionCtx, batch.site);
    if (!site) return simpleProblem(c, "not_found", "Unknown site id; copy the snippet from your dashboard.");
    if (!isOriginAllowed(site, c.req.header("origin") ?? null, c.req.url)) {
      return simpleProblem(c, "forbidden", "This origin is not registered for the site.");
    }
    // CORS headers only for origins the merchant registered (or its own): nobody else may read our answers.
    const cors = corsHeaders(c.req.header("origin"));

    const now = Date.now();
    const cookies = c.req.header("cookie");
    const gpc = c.req.header("sec-gpc") === "1";
    const consent = shopperConsent(batch.consent, cookies);
    const storeIds = mayStoreIdentifiers(site, consent, gpc);
    const knownVisitor = readCookie(cookies, VISITOR_COOKIE);
    const visitorId = storeIds ? (isId("visitor", knownVisitor) ? knownVisitor : newId("visitor", now)) : null;
    const cookieClick = readCookie(cookies, CLICK_COOKIE);
    const ip = c.req.header("cf-connecting-ip");
    const context = {
      receivedAt: now,
      ...describeUserAgent(c.req.header("user-agent") ?? null, (c.req.raw as { cf?: { country?: unknown } }).cf?.country),
      ipHash: storeIds && ip ? hashIp(ip, c.env.IP_HASH_SECRET, now) : null,
    };
    const message: BrowserEventMessage = {
      type: "browser_event",
      v: 1,
      tenantId: site.tenantId,
      consent: storeIds ? "granted" : consent === "granted" ? "denied" : consent,
      visitorId,
      cookieClickId: storeIds && isId("click", cookieClick) ? cookieClick : null,
      context,
      // Without consent an event keeps no identity; only an order may keep the click id of the page it was
      // placed on (it travels with the order, not in storage; see docs/tracking.md).
      events: (storeIds ? batch.events : batch.events.map(withoutIdentifiers)).map((e) => ({ ...e, props: redactEmails(e.props) })),
    };
    await enqueue(c.env, [message]);

    const headers = new Headers({ ...cors, "cache-control": "no-store" });
    const domain = cookieDomainFor(site, new URL(c.req.url).hostname);
    if (visitorId && visitorId !== knownVisitor) {
      headers.append("set-cookie", serializeCookie(VISITOR_COOKIE, visitorId, { maxAgeSeconds: VISITOR_COOKIE_MAX_AGE, domain }));
    }
    const consentCookie = consentCookieChange(site, batch.consent, gpc, cookies, domain);
    if (consentCookie) headers.append("set-cookie", consentCookie);
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify({ accepted: batch.events.length }), { status: 202, headers });
  });
}
