import type { Hono } from "hono";
import type { IngestHonoEnv } from "../env";

/**
 * CORS for the tracking endpoints. Credentials are allowed so the first-party cookies travel. Preflights are
 * answered for any origin (they carry no site id); the actual request is refused (403, no CORS headers)
 * unless the origin is the site's own or registered by the merchant: call `corsHeaders` only once the origin
 * is known to be allowed.
 */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin) return {};
  return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "Origin" };
}

export function registerTrackingPreflight(app: Hono<IngestHonoEnv>): void {
  app.options("/_indica/*", (c) => {
    const headers = {
      ...corsHeaders(c.req.header("origin")),
      "access-control-allow-methods": "POST, OPTIONS",
      "access-control-allow-headers": "content-type",
      "access-control-max-age": "86400",
    };
    return new Response(null, { status: 204, headers });
  });
}
