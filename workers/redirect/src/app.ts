import { Hono } from "hono";
import type { RedirectHonoEnv } from "./env";
import { notFoundPage } from "./pages";
import { registerEdgePaths } from "./routes/edge-paths";
import { registerFollowLink } from "./routes/follow-link";

export function createRedirectApp(): Hono<RedirectHonoEnv> {
  // Non-strict: a link pasted with a trailing slash (`/maria/`) still works.
  const app = new Hono<RedirectHonoEnv>({ strict: false });
  registerEdgePaths(app);
  registerFollowLink(app);
  app.notFound((c) => (c.req.method === "GET" || c.req.method === "HEAD" ? notFoundPage(c.req.method) : c.text("Method not allowed", 405, { allow: "GET, HEAD" })));
  // A failure here must still send the shopper somewhere sensible; the error goes to the logs.
  app.onError((err, c) => {
    console.error(JSON.stringify({ level: "error", worker: "redirect", message: err.message, url: c.req.url }));
    return c.text("Temporarily unavailable, please try again.", 503, { "retry-after": "5" });
  });
  return app;
}
