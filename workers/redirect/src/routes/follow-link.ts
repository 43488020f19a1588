/**
 * GET|HEAD /{code}: the affiliate link. The response never waits for the click to be recorded: the event
 * (built synchronously, a few microseconds) joins the isolate's batch, which is judged and enqueued in the
 * waitUntil of the request that opened it; any failure there falls back to the EventBuffer object.
 */
import type { Hono } from "hono";
import { decideClick } from "../../../../core/click-decision";
import { clickMayStoreIdentifiers } from "../../../../core/consent";
import { CLICK_COOKIE, readCookie, serializeCookie, VISITOR_COOKIE, VISITOR_COOKIE_MAX_AGE } from "../../../../core/cookie";
import { destinationWithClickId, normalizedDestination } from "../../../../core/destination";
import { isBotUserAgent } from "../../../../core/bot-user-agent";
import { isId, newId } from "../../../../core/ids";
import { isLinkCode } from "../../../../core/link-code";
import { normalizeHost, type LinkRecord } from "../../../../core/link-record";
import { requestUrlParts } from "../../../../core/request-url";
import { EventBatcher } from "../../../../durable-objects/enqueue";
import type { RedirectEnv, RedirectHonoEnv } from "../env";
import { badLinkPage, notFoundPage } from "../pages";
import { buildClick, type PendingClick } from "../services/click-event";
import { recordClicks } from "../services/record-clicks";
import { resolveDomain } from "../services/domain-resolver";
import { resolveLink } from "../services/link-resolver";


const NO_STORE = "private, no-store";

/**
 * Clicks of this isolate are judged and queued together, up to 2,000 or every 100 ms. A batch costs one call
 * per guard shard and one queue send whatever its size, so fuller batches cost less edge CPU per click: at
 * 500 / 50 ms the redirect took 112-140 µs of edge CPU per response in the bench, at 2,000 / 100 ms 88-105
 * (bench/README.md). Nothing waits on a batch but the click's own row, which lands up to 50 ms later than at 500 / 50 ms.
 */
const clickBatcher = new EventBatcher<PendingClick>(2000, 100);

export function registerFollowLink(app: Hono<RedirectHonoEnv>): void {
  app.on(["GET", "HEAD"], "/:code", (c) => {
    const code = c.req.param("code");
    return isLinkCode(code) ? followLink(c.req.raw, c.env, c.executionCtx, code) : badLinkPage(c.req.method);
  });
}

/**
 * `code` is a valid link code (core/link-code.ts): the router and linkCodeOf only pass those. Nearly every
 * click finds its link in isolate memory and is answered synchronously: no async function, and no promise
 * the runtime has to wrap and wait on (a profile of the edge shows that machinery per request; its saving
 * was too small to measure on the bench's noisy host, bench/README.md).
 */
export function followLink(request: Request, env: RedirectEnv, ctx: ExecutionContext, code: string): Response | Promise<Response> {
  // From the URL string: no URL object per click (core/request-url.ts says why).
  const url = requestUrlParts(request.url);
  const host = normalizeHost(url.hostname);
  const link = resolveLink(env, ctx, host, code);
  if (link instanceof Promise) return link.then((found) => answerLink(request, env, ctx, url.query, host, found));
  return answerLink(request, env, ctx, url.query, host, link);
}

function answerLink(request: Request, env: RedirectEnv, ctx: ExecutionContext, query: string, host: string, link: LinkRecord | null): Response | Promise<Response> {
  const method = request.method;
  if (!link) return unknownCode(env, ctx, host, method);

  const headers = request.headers;
  const userAgent = headers.get("user-agent");
  const decision = decideClick(link, { method, isBot: isBotUserAgent(userAgent) });
  if (!decision.track) {
    // The shopper still reaches the store; no cookie, no click id, nothing counted.
    return new Response(null, { status: 302, headers: { location: normalizedDestination(link.destinationUrl), "cache-control": NO_STORE } });
  }

  const ts = Date.now();
  const cookies = headers.get("cookie");
  // Under consent_mode "required", no consent cookie means no consent: the visitor cookie is neither read
  // nor written, and the click is counted without identifiers (its visitor id is a fresh one no cookie holds).
  // Sec-GPC is read only where it matters: each header read is a call into the runtime, on every click.
  const identifiers = link.consentMode === "not_required" || clickMayStoreIdentifiers(link, cookies, headers.get("sec-gpc") === "1");
  const knownVisitor = identifiers ? readCookie(cookies, VISITOR_COOKIE) : null;
  const returning = isId("visitor", knownVisitor);
  const visitorId = returning ? knownVisitor : newId("visitor", ts);
  const clickId = newId("click", ts);
  try {
    const click = buildClick(request, query, link, { clickId, visitorId, knownVisitor: returning, ts, userAgent, identifiers }, env.IP_HASH_SECRET);
    const batchWork = clickBatcher.add(click, (batch) => recordClicks(env, batch));
    if (batchWork) ctx.waitUntil(batchWork);
  } catch (err) {
    // A click that cannot be built (a bug) must not cost the shopper the redirect: it is logged instead.
    console.error(JSON.stringify({ level: "error", worker: "redirect", message: `click not recorded: ${(err as Error).message}`, clickId }));
  }

  const location = destinationWithClickId(link.destinationUrl, link.clickParam, clickId);
  // Without consent the click id still travels in the URL: the shop's tracking script carries it to the
  // order, or keeps it once the shopper consents there.
  if (!identifiers) return new Response(null, { status: 302, headers: { location, "cache-control": NO_STORE } });
  const domain = link.cookieDomain;
  // Headers from a plain object plus one append for the second cookie: the runtime converts an object in
  // one call, where a list of pairs is walked element by element (about 2.5 µs against 6.5 µs a response,
  // measured in workerd).
  const response = new Response(null, {
    status: 302,
    headers: {
      location,
      "cache-control": NO_STORE,
      "set-cookie": serializeCookie(CLICK_COOKIE, clickId, { maxAgeSeconds: link.cookieLifetimeDays * 86_400, domain }),
    },
  });
  response.headers.append("set-cookie", serializeCookie(VISITOR_COOKIE, visitorId, { maxAgeSeconds: VISITOR_COOKIE_MAX_AGE, domain }));
  return response;
}

async function unknownCode(env: RedirectEnv, ctx: ExecutionContext, host: string, method: string): Promise<Response> {
  if (host !== normalizeHost(env.DEFAULT_LINK_DOMAIN)) {
    const domain = await resolveDomain(env, ctx, host);
    if (domain?.fallbackUrl) return new Response(null, { status: 302, headers: { location: domain.fallbackUrl, "cache-control": NO_STORE } });
  }
  return notFoundPage(method);
}
