/**
 * Wiring for the browser tests: the three Workers behind an edge port Chromium can reach, a demo merchant
 * whose `/_indica/*` is proxied to that edge, a seeded program whose link lands on the shop, and Debian's
 * Chromium driven by playwright-core (never a downloaded browser).
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page, type Response as PwResponse } from "playwright-core";
import { inject } from "vitest";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { freePort } from "../helpers/ports";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "../helpers/stack";
import { conversionOf } from "../helpers/tracking";
import { startDemoShop, type DemoShop } from "./demo-shop";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "results");
/** The shared link domain in this stack: Chromium reaches the edge as http://localhost:<port>. */
export const LINK_DOMAIN = "localhost";

/** Rows come through the queue consumer; a busy 2-core CI can take a while. */
export const ROW_TIMEOUT_MS = 45_000;
/** Browser waits (navigation, a tracking call's response). */
export const UI_TIMEOUT_MS = 30_000;

export interface BrowserHarness {
  stack: TestStack;
  shop: DemoShop;
  program: SeededProgram;
  browser: Browser;
  /** http://localhost:<edge>/<code>: the affiliate link as shoppers get it. */
  linkUrl: string;
  edgeUrl: string;
  /** A fresh, isolated browser profile (its own cookies and localStorage). */
  newContext(): Promise<BrowserContext>;
  /** A page that records console messages and uncaught errors. */
  newPage(context: BrowserContext): Promise<TrackedPage>;
  /** The conversions row of an order, once the consumer has written it. */
  conversion(orderId: string): Promise<Record<string, unknown>>;
  /** Waits for the click row the redirect enqueued. */
  clickRow(clickId: string): Promise<Record<string, unknown>>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export interface TrackedPage {
  page: Page;
  console: string[];
  errors: string[];
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  const edgePort = await freePort();
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  const stack = await startTestStack({ port: edgePort, linkDomain: LINK_DOMAIN, bindings: { "indica-api": { LINK_URL_SCHEME: "http" } } });

  let shop: DemoShop | undefined;
  let browser: Browser | undefined;
  try {
    shop = await startDemoShop({ edge: edgeUrl });
    const program = await seedTestProgram(stack, { linkDomain: LINK_DOMAIN, destinationUrl: `${shop.url}/produto` });
    shop.site = program.tenantId;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
    // Headless Chromium says "HeadlessChrome", which isbot rightly treats as a bot (redirected, not counted);
    // shoppers' browsers say "Chrome".
    const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
    mkdirSync(RESULTS_DIR, { recursive: true });
    const b = browser;
    const s = shop;

    return {
      stack,
      shop: s,
      program,
      browser: b,
      linkUrl: `http://localhost:${edgePort}/${program.code}`,
      edgeUrl,
      async newContext() {
        const context = await b.newContext({ userAgent, locale: "pt-BR", viewport: { width: 1024, height: 720 } });
        context.setDefaultTimeout(UI_TIMEOUT_MS);
        context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
        return context;
      },
      async newPage(context) {
        const page = await context.newPage();
        const tracked: TrackedPage = { page, console: [], errors: [] };
        page.on("console", (m) => tracked.console.push(`${m.type()}: ${m.text()}`));
        page.on("pageerror", (e) => tracked.errors.push(String(e)));
        return tracked;
      },
      conversion: (orderId) => waitFor(() => conversionOf(stack, program.tenantId, orderId), ROW_TIMEOUT_MS, `the conversion row of ${orderId}`),
      clickRow: (clickId) =>
        waitFor(async () => (await stack.db.query("SELECT * FROM clicks WHERE id = $1", [clickId])).rows[0] ?? null, ROW_TIMEOUT_MS, `the click row ${clickId}`),
      async screenshot(page, name) {
        const path = join(RESULTS_DIR, `${name}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      async close() {
        await b.close().catch(() => {});
        await s.close().catch(() => {});
        await stack.close();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await shop?.close().catch(() => {});
    await stack.close().catch(() => {});
    throw e;
  }
}

/** Whether a response is the answer to one of the tracking endpoints (`/_indica/click`, `/_indica/e`). */
export const isTrackingCall = (path: "click" | "e") => (r: PwResponse) => new URL(r.url()).pathname === `/_indica/${path}` && r.request().method() === "POST";

/** The click id the redirect appended to the landing URL. */
export function clickIdOf(url: string): string {
  const id = new URL(url).searchParams.get("indica_cid");
  if (!id || !/^clk_[0-9A-Z]{26}$/.test(id)) throw new Error(`no click id on the landing URL ${url}`);
  return id;
}

/**
 * Follows the affiliate link as a shopper would and waits for the landing page. With `expectClickCall`,
 * also waits for the script's POST /_indica/click (the server-set cookie) and returns its status.
 */
export async function landViaLink(h: BrowserHarness, page: Page, opts: { expectClickCall?: boolean } = {}) {
  const clickCall = opts.expectClickCall === false ? null : page.waitForResponse(isTrackingCall("click"));
  // Swallow the rejection if navigation fails first; it is awaited below.
  clickCall?.catch(() => {});
  await page.goto(h.linkUrl, { waitUntil: "load" });
  const landing = page.url();
  if (!landing.startsWith(`${h.shop.url}/produto?`)) throw new Error(`landed on ${landing}, expected the shop's product page`);
  const clickId = clickIdOf(landing);
  const clickStatus = clickCall ? (await clickCall).status() : null;
  return { clickId, landing, clickStatus };
}

/** Cookies the context holds for the shop's origin, by name. */
export async function shopCookies(context: BrowserContext, shopUrl: string): Promise<Record<string, string>> {
  return Object.fromEntries((await context.cookies(shopUrl)).map((c) => [c.name, c.value]));
}

/** Runs in every page before its own scripts: `document.cookie` reads empty and writes are dropped. */
export const BLOCK_SCRIPT_COOKIES = `Object.defineProperty(Document.prototype, "cookie", { configurable: true, get: function () { return ""; }, set: function () {} });`;
