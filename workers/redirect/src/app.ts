import { Hono } from "hono";
import type { RedirectHonoEnv } from "./env";
import { notFoundPage } from "./pages";
import { registerEdgePaths } from "./routes/edge-paths";
import { registerFollowLink } from "./routes/follow-link";

/** A failure must still send the shopper somewhere sensible; the error goes to the logs. */
export function unavailable(err: unknown, url: string): Response {
  console.error(JSON.stringify({ level: "error", worker: "redirect", message: err instanceof Error ? err.message : String(err), url }));
  return new Response("Temporarily unavailable, please try again.", { status: 503, headers: { "content-type": "text/plain; charset=UTF-8", "retry-after": "5" } });
}

export function createRedirectApp(): Hono<RedirectHonoEnv> {
  // Non-strict: a link pasted with a trailing slash (`/maria/`) still works.
  const app = new Hono<RedirectHonoEnv>({ strict: false });
  registerEdgePaths(app);
  registerFollowLink(app);
  app.notFound((c) => (c.req.method === "GET" || c.req.method === "HEAD" ? notFoundPage(c.req.method) : c.text("Method not allowed", 405, { allow: "GET, HEAD" })));
  app.onError((err, c) => unavailable(err, c.req.url));
  return app;
}
