import { Hono } from "hono";
import { problem, problemResponse } from "../../../core/problem";
import type { RedirectHonoEnv } from "./env";
import { notFoundPage } from "./pages";
import { registerEdgePaths } from "./routes/edge-paths";
import { registerFollowLink } from "./routes/follow-link";

/** A failure must still send the shopper somewhere sensible; the error goes to the logs. */
export function unavailable(err: unknown, url: string): Response {
  console.error(JSON.stringify({ level: "error", worker: "redirect", message: err instanceof Error ? err.message : String(err), url }));
  return new Response("Temporarily unavailable, please try again.", { status: 503, headers: { "content-type": "text/plain; charset=UTF-8", "retry-after": "5" } });
}

/** Shoppers only GET links; other methods come from integrations, which read problems as the other hosts answer them. */
function methodNotAllowed(method: string, path: string): Response {
  const detail = `${method} is not allowed here; links answer GET, HEAD.`;
  return problemResponse(problem("method_not_allowed", { detail, instance: path }), { allow: "GET, HEAD" });
}

export function createRedirectApp(): Hono<RedirectHonoEnv> {
  // Non-strict: a link pasted with a trailing slash (`/maria/`) still works.
  const app = new Hono<RedirectHonoEnv>({ strict: false });
  registerEdgePaths(app);
  registerFollowLink(app);
  app.notFound((c) => (c.req.method === "GET" || c.req.method === "HEAD" ? notFoundPage(c.req.method) : methodNotAllowed(c.req.method, c.req.path)));
  app.onError((err, c) => unavailable(err, c.req.url));
  return app;
}
