/**
 * POST /_indica/click {site, clickId}: the tracking script, running on the merchant's site, asks the edge
 * to keep the click id from the landing URL in a server-set, HttpOnly, first-party cookie. Server-set
 * cookies escape Safari's 7-day cap on cookies written by scripts. The cookie is an identifier: it is set only
 * when identifiers may be stored (core/consent.ts), with the script's reported choice or else the consent cookie.
 */
import type { Hono } from "hono";
import { z } from "zod";
import { CLICK_COOKIE, serializeCookie } from "../../../../core/cookie";
import { mayStoreIdentifiers, shopperConsent } from "../../../../core/consent";
import { isId } from "../../../../core/ids";
import { cookieDomainFor, isOriginAllowed } from "../../../../core/site-record";
import type { IngestHonoEnv } from "../env";
import { invalidBody, problemFrom, simpleProblem } from "../lib/problems";
import { readJsonBody } from "../lib/read-json";
import { resolveSite } from "../services/site-resolver";
import { corsHeaders } from "./cors";

const clickBody = z.object({
  site: z.string().refine((v) => isId("tenant", v), "expected the site id from your snippet (tnt_...)"),
  clickId: z.string().refine((v) => isId("click", v), "expected a click id (clk_...)"),
  /** The shopper's choice as the script knows it; scripts from before this field send none. */
  consent: z.enum(["granted", "denied", "unknown"]).optional(),
});

export function registerTrackClick(app: Hono<IngestHonoEnv>): void {
  app.post("/_indica/click", async (c) => {
    const body = await readJsonBody(c.req, 4_096);
    if (!body.ok) return problemFrom(c, body.error);
    const parsed = clickBody.safeParse(body.value);
    if (!parsed.success) return invalidBody(c, parsed.error);

    const site = await resolveSite(c.env, c.executionCtx, parsed.data.site);
    if (!site) return simpleProblem(c, "not_found", "Unknown site id; copy the snippet from your dashboard.");
    if (!isOriginAllowed(site, c.req.header("origin") ?? null, c.req.url)) {
      return simpleProblem(c, "forbidden", "This origin is not registered for the site.");
    }
    // CORS headers only for origins the merchant registered (or its own): nobody else may read our answers.
    const cors = corsHeaders(c.req.header("origin"));
    const consent = shopperConsent(parsed.data.consent, c.req.header("cookie"));
    if (!mayStoreIdentifiers(site, consent, c.req.header("sec-gpc") === "1")) {
      // Answered like a stored cookie, so the script has nothing to retry: the click id stays in the URL.
      return new Response(null, { status: 204, headers: { ...cors, "cache-control": "no-store" } });
    }
    const host = new URL(c.req.url).hostname;
    const cookie = serializeCookie(CLICK_COOKIE, parsed.data.clickId, {
      maxAgeSeconds: site.clickCookieDays * 86_400,
      domain: cookieDomainFor(site, host),
    });
    return new Response(null, { status: 204, headers: { ...cors, "set-cookie": cookie, "cache-control": "no-store" } });
  });
}
