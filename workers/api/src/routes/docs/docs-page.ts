/** GET /docs: the interactive API reference, rendered in the browser from /openapi.json. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiHonoEnv } from "../../env";
import { DOCS_SCRIPT } from "./page-script";
import { DOCS_STYLE } from "./page-style";

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Indica API reference</title><style>${DOCS_STYLE}</style></head>
<body><header><h1 id="title">Indica API</h1>
<label for="token">Token (API key or access token), kept in this tab only</label><input id="token" type="password" autocomplete="off" placeholder="ik_... or eyJ..."></header>
<div class="layout"><nav id="nav" aria-label="Operations"></nav><main><p id="intro"></p>
<p>Download: <a href="/openapi.json">openapi.json</a> (OpenAPI 3.1).</p><div id="operations">Loading…</div></main></div>
<script type="module">${DOCS_SCRIPT}</script></body></html>`;

export function registerDocsPage(app: OpenAPIHono<ApiHonoEnv>): void {
  app.get("/docs", (c) => c.html(PAGE, 200, { "cache-control": "public, max-age=300" }));
}
