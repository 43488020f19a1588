/**
 * The methods a path answers to, for the 405 of a request that reached an existing path with another one
 * (`DELETE /v1/links`): a 404 there told the caller the endpoint did not exist, and the `Allow` header
 * says which verbs it does take. Here in core because the API and ingest Workers both answer so.
 */
import type { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";

const ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

// Built once per app, on the first wrong method: every route is registered by then.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app's routes; only their methods and paths are read
const routers = new WeakMap<Hono<any, any, any>, { router: TrieRouter<string>; methods: string[] }>();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
function routerOf(app: Hono<any, any, any>) {
  let entry = routers.get(app);
  if (!entry) {
    const router = new TrieRouter<string>();
    const methods = new Set<string>();
    // Middleware (`app.use`) is registered under ALL; only handlers of one method are endpoints.
    for (const r of app.routes) {
      if (r.method === "ALL") continue;
      router.add(r.method, r.path, r.method);
      methods.add(r.method);
    }
    entry = { router, methods: [...methods] };
    routers.set(app, entry);
  }
  return entry;
}

/** The methods with a route for `path`, HEAD with GET (Hono answers HEAD with the GET route); empty when none. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export function allowedMethods(app: Hono<any, any, any>, path: string): string[] {
  const { router, methods } = routerOf(app);
  const allowed = new Set(methods.filter((m) => router.match(m, path)[0].length > 0));
  if (allowed.has("GET")) allowed.add("HEAD");
  return [...allowed].sort((a, b) => rank(a) - rank(b));
}

const rank = (m: string) => (ORDER.includes(m) ? ORDER.indexOf(m) : ORDER.length);

/** The 405's detail, with a hint of the other host when the caller mixed the two up. */
export const wrongMethodDetail = (method: string, allow: string[], hint?: string) =>
  [`${method} is not allowed here; this path answers ${allow.join(", ")}.`, hint].filter(Boolean).join(" ");
