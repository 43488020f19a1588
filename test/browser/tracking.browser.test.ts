/**
 * The tracking chain in a real browser (Debian's Chromium through playwright-core): a shopper follows an
 * affiliate link to a demo merchant, browses and buys; the order's row in Postgres must carry the click id
 * of that visit, found through the best identifier the browser left us. Each scenario runs in a fresh
 * browser profile and blocks or clears one more thing: script-set cookies, all cookies, localStorage, and
 * finally the script itself (the merchant's server reports the order).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { orderId, serverPost } from "../helpers/tracking";
import {
  BLOCK_SCRIPT_COOKIES,
  isTrackingCall,
  landViaLink,
  shopCookies,
  startBrowserHarness,
  type BrowserHarness,
  type TrackedPage,
} from "./harness";

const SCENARIO_TIMEOUT_MS = 180_000;

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
}, 180_000);
afterAll(async () => {
  await h?.close();
});

/** A fresh profile for one scenario, closed whatever happens. */
async function inContext(setup: (context: BrowserContext) => Promise<unknown>, run: (context: BrowserContext, tracked: TrackedPage) => Promise<void>) {
  const context = await h.newContext();
  try {
    await setup(context);
    const tracked = await h.newPage(context);
    try {
      await run(context, tracked);
    } catch (e) {
      // What the page said is usually the quickest way to see why a tracking call did not happen.
      throw new Error(`${(e as Error).message}\npage console:\n${tracked.console.join("\n")}\npage errors:\n${tracked.errors.join("\n")}`, { cause: e });
    }
  } finally {
    await context.close();
  }
}

/** The conversion batch of an order: the POST /_indica/e whose body carries it. */
const conversionCall = (page: Page, order: string) =>
  page.waitForResponse((r) => isTrackingCall("e")(r) && (r.request().postData() ?? "").includes(`"orderId":"${order}"`));

/** Shop's nav: product page → home → product page again, as a shopper looking around. */
async function browse(page: Page) {
  await Promise.all([page.waitForURL(`${h.shop.url}/`), page.click("#nav-home")]);
  await Promise.all([page.waitForURL(`${h.shop.url}/produto`), page.click("#to-product")]);
}

/** Fills the order number and submits the checkout: the thank-you page reports the conversion. */
async function checkout(page: Page, order: string) {
  await page.fill("#order", order);
  const sent = conversionCall(page, order);
  await Promise.all([page.waitForURL(`${h.shop.url}/obrigado?orderId=${order}`), page.click("#checkout")]);
  expect((await sent).status()).toBe(202);
}

const storedClick = (page: Page) => page.evaluate(`localStorage.getItem("indica_click")`) as Promise<string | null>;

function expectAttributed(row: Record<string, unknown>, clickId: string, identitySource: string, source = "browser") {
  expect({ ...row, amount: Number(row.amount) }).toMatchObject({
    source,
    amount: 25000,
    currency: "BRL",
    identity_source: identitySource,
    matched_click_id: clickId,
    matched_affiliate_id: h.program.affiliateId,
  });
}

describe("tracking in Chromium on a demo merchant", () => {
  it("lands from an affiliate link, browses and converts: the order carries the click id from the server-set cookie", async () => {
    await inContext(async () => {}, async (context, { page, errors }) => {
      const { clickId, clickStatus } = await landViaLink(h, page);
      expect(clickStatus).toBe(204);
      // The click id is kept in an HttpOnly cookie on the shop's own origin, out of scripts' reach.
      const cookie = (await context.cookies(h.shop.url)).find((c) => c.name === "indica_click");
      expect(cookie).toMatchObject({ value: clickId, httpOnly: true, domain: "shop.localhost" });
      expect(await page.evaluate("document.cookie")).not.toContain("indica_click");
      expect(JSON.parse((await storedClick(page))!)).toMatchObject({ id: clickId });
      expect(await page.evaluate("window.indica && window.indica.loaded")).toBe(true);
      await h.screenshot(page, "1-landing");
      await h.clickRow(clickId);

      await browse(page);
      const order = orderId();
      await checkout(page, order);
      await h.screenshot(page, "1-thank-you");

      const row = await h.conversion(order);
      expectAttributed(row, clickId, "cookie");
      expect(row).toMatchObject({ click_id: clickId, click_id_source: "cookie" });
      expect(row.visitor_id).toMatch(/^vis_/);
      expect(errors).toEqual([]);
    });
  }, SCENARIO_TIMEOUT_MS);

  it("with script-set cookies blocked: still the server-set cookie, since nothing relies on document.cookie", async () => {
    await inContext(
      (context) => context.addInitScript(BLOCK_SCRIPT_COOKIES),
      async (context, { page, errors }) => {
        const { clickId, clickStatus } = await landViaLink(h, page);
        expect(clickStatus).toBe(204);
        // The emulation works: a script's cookie never reaches the jar.
        await page.evaluate(`document.cookie = "probe=1; path=/"`);
        const cookies = await shopCookies(context, h.shop.url);
        expect(cookies.probe).toBeUndefined();
        expect(cookies.indica_click).toBe(clickId);
        await h.clickRow(clickId);

        await browse(page);
        const order = orderId();
        await checkout(page, order);

        expectAttributed(await h.conversion(order), clickId, "cookie");
        expect(errors).toEqual([]);
      },
    );
  }, SCENARIO_TIMEOUT_MS);

  it("with all cookies blocked for the shop: the click id comes from localStorage", async () => {
    h.shop.blockCookies = true;
    await inContext(
      (context) => context.addInitScript(BLOCK_SCRIPT_COOKIES),
      async (context, { page, errors }) => {
        const { clickId, clickStatus } = await landViaLink(h, page);
        expect(clickStatus).toBe(204);
        expect(await shopCookies(context, h.shop.url)).toEqual({});
        expect(JSON.parse((await storedClick(page))!)).toMatchObject({ id: clickId });
        await h.clickRow(clickId);

        await browse(page);
        const order = orderId();
        await checkout(page, order);
        expect(await shopCookies(context, h.shop.url)).toEqual({});

        const row = await h.conversion(order);
        expectAttributed(row, clickId, "local_storage");
        expect(row).toMatchObject({ click_id: clickId, click_id_source: "local_storage", visitor_id: expect.stringMatching(/^vis_/) });
        expect(errors).toEqual([]);
      },
    ).finally(() => (h.shop.blockCookies = false));
  }, SCENARIO_TIMEOUT_MS);

  it("with cookies and localStorage cleared after landing, an order on the landing page itself: the click id on the URL", async () => {
    await inContext(async () => {}, async (context, { page, errors }) => {
      const { clickId } = await landViaLink(h, page);
      await context.clearCookies();
      await page.evaluate("localStorage.clear()");
      expect(await shopCookies(context, h.shop.url)).toEqual({});
      await h.clickRow(clickId);

      // A one-page checkout: the order is reported without leaving the landing URL.
      const order = orderId();
      await page.fill("#order", order);
      const sent = conversionCall(page, order);
      await page.click("#buy-now");
      expect((await sent).status()).toBe(202);
      expect(page.url()).toContain(`indica_cid=${clickId}`);
      expect(await shopCookies(context, h.shop.url)).not.toHaveProperty("indica_click");

      const row = await h.conversion(order);
      expectAttributed(row, clickId, "url");
      expect(row).toMatchObject({ click_id: clickId, click_id_source: "url" });
      expect(errors).toEqual([]);
    });
  }, SCENARIO_TIMEOUT_MS);

  it("with localStorage cleared after landing but the server cookie kept: the cookie", async () => {
    await inContext(async () => {}, async (context, { page, errors }) => {
      const { clickId } = await landViaLink(h, page);
      await page.evaluate("localStorage.clear()");
      await h.clickRow(clickId);

      await browse(page);
      expect(await storedClick(page)).toBeNull();
      const order = orderId();
      await checkout(page, order);

      expectAttributed(await h.conversion(order), clickId, "cookie");
      expect((await shopCookies(context, h.shop.url)).indica_click).toBe(clickId);
      expect(errors).toEqual([]);
    });
  }, SCENARIO_TIMEOUT_MS);

  it("with the script blocked entirely: the merchant's server reports the order with the click id it captured (S2S)", async () => {
    const proxiedBefore = h.shop.proxied.length;
    await inContext(
      (context) => context.route("**/_indica/s*.js", (route) => route.abort("blockedbyclient")),
      async (context, { page, errors }) => {
        const { clickId, landing } = await landViaLink(h, page, { expectClickCall: false });
        await h.clickRow(clickId);
        // The merchant's backend captures ?indica_cid= from the landing request, as the S2S guide says.
        const captured = new URL(landing).searchParams.get("indica_cid")!;

        await browse(page);
        const order = orderId();
        await page.fill("#order", order);
        await Promise.all([page.waitForURL(`${h.shop.url}/obrigado?orderId=${order}`), page.click("#checkout")]);
        // Only the snippet's stub is there: the order call is queued and goes nowhere.
        expect(await page.evaluate("typeof window.indica === 'function' && !window.indica.loaded && window.indica.q.length")).toBe(1);
        expect(await shopCookies(context, h.shop.url)).not.toHaveProperty("indica_click");

        const res = await serverPost(h.stack, "/v1/conversions", h.program.apiKey, { orderId: order, amount: 25000, currency: "BRL", clickId: captured });
        expect(res.status).toBe(202);

        const row = await h.conversion(order);
        expectAttributed(row, clickId, "s2s_click_id", "s2s");
        // Neither the script nor its click call went through the shop. (A pagehide beacon of an earlier
        // scenario's closed page may still land, so POST /_indica/e is not a sign of this one.)
        expect(h.shop.proxied.slice(proxiedBefore).filter((r) => r.startsWith("GET /_indica/s") || r === "POST /_indica/click")).toEqual([]);
        const { rows } = await h.stack.db.query("SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND url LIKE $2", [h.program.tenantId, `%indica_cid=${clickId}%`]);
        expect(rows[0].n).toBe(0);
        expect(errors).toEqual([]);
      },
    );
  }, SCENARIO_TIMEOUT_MS);
});
