/**
 * The tracking script. The snippet points at the short-cache loader (`/_indica/s.js`), which injects the
 * immutable, content-hashed script (`/_indica/s.<hash>.js`) with the snippet's data-* attributes; so a new
 * script version reaches every site within the loader's cache time, and browsers cache the script forever.
 */
import type { Hono } from "hono";
import { TRACKER_HASH, TRACKER_JS } from "../tracker/bundle.generated";
import type { IngestHonoEnv } from "../env";

const JS = "application/javascript; charset=utf-8";
const LOADER_MAX_AGE = 300;

export const LOADER_JS =
  `(function(){var c=document.currentScript,s=document.createElement("script"),i,a;` +
  `s.async=true;s.src=(c&&c.src?c.src.replace(/s\\.js([?#].*)?$/,""):"/_indica/")+"s.${TRACKER_HASH}.js";` +
  `if(c)for(i=0;i<c.attributes.length;i++){a=c.attributes[i];if(a.name.indexOf("data-")===0)s.setAttribute(a.name,a.value)}` +
  `(document.head||document.documentElement).appendChild(s)})();`;

export function registerTrackerScript(app: Hono<IngestHonoEnv>): void {
  app.get("/_indica/s.js", () => new Response(LOADER_JS, { headers: { "content-type": JS, "cache-control": `public, max-age=${LOADER_MAX_AGE}` } }));

  app.get("/_indica/:file{s\\.[0-9a-f]+\\.js}", (c) => {
    const hash = c.req.param("file").slice(2, -3);
    if (hash !== TRACKER_HASH) {
      // A loader cached before a release asks for the previous version: send it to the current one.
      return new Response(null, { status: 302, headers: { location: `s.${TRACKER_HASH}.js`, "cache-control": `public, max-age=${LOADER_MAX_AGE}` } });
    }
    return new Response(TRACKER_JS, { headers: { "content-type": JS, "cache-control": "public, max-age=31536000, immutable", etag: `"${TRACKER_HASH}"` } });
  });
}
