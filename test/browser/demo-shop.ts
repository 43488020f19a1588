/**
 * A tiny demo merchant for the browser tests: three pages carrying the Indica snippet, and `/_indica/*`
 * proxied to the stack's edge entry, as a merchant routes that path to the ingest Worker on Cloudflare.
 * The tracking calls are therefore same-origin and the click cookie is first-party on the shop's origin.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface DemoShopOptions {
  /** The merchant's site id, written into the snippet's data-site (settable later: see DemoShop.site). */
  site?: string;
  /** Where `/_indica/*` goes: the stack's edge entry, e.g. http://127.0.0.1:8787. */
  edge: string;
  /** Host name the browser uses for the shop (Chromium resolves *.localhost to loopback). */
  hostname?: string;
  port?: number;
}

export interface DemoShop {
  /** The site id in the snippet; set it once the merchant is seeded (its link needs the shop's URL first). */
  site: string;
  /** e.g. http://shop.localhost:41234 */
  url: string;
  port: number;
  /**
   * Emulates a browser that keeps no cookies for the shop: tracking responses reach it without Set-Cookie
   * and requests carry no Cookie. Done here rather than with Playwright's routing because the script's
   * pagehide sendBeacon bypasses routing. Tests run one at a time, so they toggle it around one scenario.
   */
  blockCookies: boolean;
  /** Requests the shop proxied to the edge, method and path, for diagnostics. */
  proxied: string[];
  close(): Promise<void>;
}

/** The snippet merchants paste: the pre-load stub, then the async loader. */
export function snippet(site: string): string {
  return (
    `<script>window.indica=window.indica||function(){(window.indica.q=window.indica.q||[]).push(arguments)}</script>\n` +
    `<script async src="/_indica/s.js" data-site="${site}"></script>`
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(site: string, title: string, body: string, head = ""): string {
  return `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} · Loja Demo</title>
${snippet(site)}
${head}
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1d1d1f; }
  header { background: #0b6e4f; color: #fff; padding: 12px 24px; display: flex; gap: 24px; align-items: center; }
  header a { color: #fff; }
  main { padding: 24px; max-width: 720px; }
  .price { font-size: 28px; font-weight: 700; }
  button { background: #0b6e4f; color: #fff; border: 0; padding: 10px 18px; border-radius: 6px; font-size: 16px; cursor: pointer; }
  input { padding: 8px; font-size: 16px; }
</style>
</head>
<body>
<header><strong>Loja Demo</strong> <a id="nav-home" href="/">Início</a> <a id="nav-product" href="/produto">Tênis Corrida</a></header>
<main>
${body}
</main>
</body>
</html>`;
}

function homePage(site: string): string {
  return layout(
    site,
    "Início",
    `<h1>Bem-vindo à Loja Demo</h1>
<p>Calçados para corrida, com frete grátis acima de R$ 199.</p>
<p><a id="to-product" href="/produto">Ver o Tênis Corrida</a></p>`,
  );
}

/**
 * The product page. "Finalizar compra" submits to the thank-you page (the usual checkout); "Comprar com
 * 1 clique" reports the order on this very page, as one-page checkouts do.
 */
function productPage(site: string): string {
  return layout(
    site,
    "Tênis Corrida",
    `<h1>Tênis Corrida</h1>
<p class="price">R$ 250,00</p>
<form id="checkout-form" action="/obrigado" method="get">
  <label>Pedido <input id="order" name="orderId" value=""></label>
  <button id="checkout" type="submit">Finalizar compra</button>
</form>
<p><button id="buy-now" type="button">Comprar com 1 clique</button></p>
<p id="status"></p>
<script>
  document.getElementById("buy-now").addEventListener("click", function () {
    var orderId = document.getElementById("order").value;
    indica("conversion", { orderId: orderId, amount: 25000, currency: "BRL" });
    document.getElementById("status").textContent = "Pedido " + orderId + " confirmado";
  });
</script>`,
  );
}

/**
 * The thank-you page reports the order with the stub's call form: the loader is async, so when this inline
 * script runs the stub (which has no `.conversion` method) is usually still in place; it queues the call.
 */
function thankYouPage(site: string, orderId: string): string {
  // JSON.stringify with < escaped keeps the order id inert inside the inline script.
  const js = JSON.stringify(orderId).replace(/</g, "\\u003c");
  return layout(
    site,
    "Obrigado",
    `<h1>Obrigado pela compra!</h1>
<p>Pedido <strong id="order-id">${escapeHtml(orderId)}</strong>: R$ 250,00.</p>
<script>indica("conversion", { orderId: ${js}, amount: 25000, currency: "BRL" });</script>`,
  );
}

/** Hop-by-hop headers are the proxy's own business, never forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

function proxy(edge: URL, req: IncomingMessage, res: ServerResponse, shop: DemoShop): void {
  shop.proxied.push(`${req.method} ${req.url}`);
  const blocked = shop.blockCookies;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !(blocked && name === "cookie")) headers[name] = value;
  }
  // Host stays the shop's (as on a Cloudflare route on the merchant's zone), so the Worker sees the
  // shop's URL, same-origin with the page; Cloudflare adds the shopper's address.
  headers["cf-connecting-ip"] = req.socket.remoteAddress ?? "127.0.0.1";
  const upstream = httpRequest({ host: edge.hostname, port: edge.port, method: req.method, path: req.url, headers }, (up) => {
    const raw: string[] = [];
    // rawHeaders keeps every Set-Cookie line as the Worker sent it.
    for (let i = 0; i < up.rawHeaders.length; i += 2) {
      const name = up.rawHeaders[i].toLowerCase();
      if (!HOP_BY_HOP.has(name) && !(blocked && name === "set-cookie")) raw.push(up.rawHeaders[i], up.rawHeaders[i + 1]);
    }
    res.writeHead(up.statusCode ?? 502, up.statusMessage, raw);
    up.pipe(res);
  });
  upstream.on("error", (e) => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end(`edge unreachable: ${e.message}`);
  });
  req.pipe(upstream);
}

export async function startDemoShop(opts: DemoShopOptions): Promise<DemoShop> {
  const edge = new URL(opts.edge);
  const html = (res: ServerResponse, body: string) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(body);
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://shop");
    if (url.pathname.startsWith("/_indica/")) return proxy(edge, req, res, shop);
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" });
      return res.end();
    }
    if (url.pathname === "/") return html(res, homePage(shop.site));
    if (url.pathname === "/produto") return html(res, productPage(shop.site));
    if (url.pathname === "/obrigado") return html(res, thankYouPage(shop.site, url.searchParams.get("orderId") ?? ""));
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204);
      return res.end();
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shop: DemoShop = {
    site: opts.site ?? "",
    url: `http://${opts.hostname ?? "shop.localhost"}:${port}`,
    port,
    blockCookies: false,
    proxied: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return shop;
}
