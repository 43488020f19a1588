/**
 * A small sample in real headless Chromium (Debian's, driven by playwright-core; never a downloaded one):
 * the affiliate link, the demo shop's landing page with the real tracking script, the thank-you page's
 * conversion. It checks what the HTTP-played shoppers assume about browsers: the server-set cookie survives
 * blocked script cookies, and localStorage carries the click when no cookie is kept at all.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { BLOCK_SCRIPT_COOKIES_JS } from "./browser-blocks";
import type { DemoShop } from "../../test/browser/demo-shop";
import { listAll, type Endpoints } from "./http";
import type { Merchant } from "./merchants";
import type { CommissionView, ConversionView } from "./collect";
import type { Tally } from "./score";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const VARIANTS = [
  { name: "same-device", source: "cookie" },
  { name: "script-cookies-blocked", source: "cookie" },
  { name: "all-cookies-blocked", source: "local_storage" },
] as const;
/** The demo shop's orders are R$ 250,00; Loja Sol's main campaign pays 10%. */
const ORDER_AMOUNT = 25_000;

export interface BrowserSample extends Tally { misses: string[]; skipped?: string }

export async function playBrowserSample(ep: Endpoints, shop: DemoShop, m: Merchant, n: number, seed: number): Promise<BrowserSample> {
  const out: BrowserSample = { total: 0, right: 0, rate: null, misses: [] };
  if (n === 0) return out;
  if (!existsSync(CHROMIUM)) return { ...out, skipped: `no Chromium at ${CHROMIUM}` };
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  const expected = new Map<string, { affiliate: string; source: string; variant: string }>();
  try {
    // Headless Chromium says "HeadlessChrome", which is rightly taken for a bot; shoppers' Chrome does not.
    const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
    for (let i = 0; i < n; i++) {
      const v = VARIANTS[i % VARIANTS.length];
      const aff = m.affiliates[i % m.affiliates.length];
      const orderId = `sim-${seed}-chromium-${i}`;
      const context = await browser.newContext({ userAgent, locale: "pt-BR" });
      if (v.name === "script-cookies-blocked") await context.addInitScript(BLOCK_SCRIPT_COOKIES_JS);
      shop.blockCookies = v.name === "all-cookies-blocked";
      try {
        const page = await context.newPage();
        const tracked = page.waitForResponse((r) => r.url().endsWith("/_indica/click"), { timeout: 30_000 });
        await page.goto(`${ep.edge}/${aff.codes.main}`, { waitUntil: "load" });
        await tracked;
        const sent = page.waitForResponse((r) => r.url().endsWith("/_indica/e") && (r.request().postData() ?? "").includes(orderId), { timeout: 30_000 });
        await page.goto(`${shop.url}/obrigado?orderId=${orderId}`, { waitUntil: "load" });
        await sent;
        expected.set(orderId, { affiliate: aff.id, source: v.source, variant: v.name });
      } finally {
        await context.close();
        shop.blockCookies = false;
      }
    }
  } finally {
    await browser.close();
  }
  await waitForOrders(ep, m, [...expected.keys()]);
  const conversions = new Map((await listAll<ConversionView>(`${ep.api}/v1/conversions`, m.apiKey)).map((c) => [c.orderId, c]));
  const commissions = await listAll<CommissionView>(`${ep.api}/v1/commissions`, m.apiKey);
  for (const [orderId, want] of expected) {
    const conv = conversions.get(orderId);
    const earned = commissions.filter((c) => c.orderId === orderId);
    const ok = conv?.identitySource === want.source && earned.length === 1 && earned[0].affiliateId === want.affiliate && earned[0].amount === ORDER_AMOUNT / 10;
    out.total++;
    if (ok) out.right++;
    else out.misses.push(`${want.variant} ${orderId}: expected ${want.affiliate} via ${want.source}, got ${earned.map((c) => `${c.affiliateId}:${c.amount}`).join(",") || "nobody"} via ${conv?.identitySource}`);
  }
  out.rate = out.total ? out.right / out.total : null;
  return out;
}

async function waitForOrders(ep: Endpoints, m: Merchant, orderIds: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const orderId of orderIds) {
    while (Date.now() < deadline) {
      const found = await listAll<ConversionView>(`${ep.api}/v1/conversions?orderId=${encodeURIComponent(orderId)}`, m.apiKey);
      if (found.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
