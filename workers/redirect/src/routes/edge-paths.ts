/** Paths of the link domain that are not links. */
import type { Hono } from "hono";
import type { RedirectHonoEnv } from "../env";
import { notFoundPage } from "../pages";

export function registerEdgePaths(app: Hono<RedirectHonoEnv>): void {
  // A merchant can route a single hostname to Indica; tracking calls on it reach the ingest Worker
  // through the service binding, without another public hop.
  app.all("/_indica/*", (c) => c.env.INGEST.fetch(c.req.raw));
  // Links are not content: keep them out of search indexes and keep crawlers from following them.
  app.get("/robots.txt", () => new Response("User-agent: *\nDisallow: /\n", { headers: { "content-type": "text/plain" } }));
  app.get("/favicon.ico", () => new Response(null, { status: 204 }));
  app.on(["GET", "HEAD"], "/", (c) => notFoundPage(c.req.method));
}
