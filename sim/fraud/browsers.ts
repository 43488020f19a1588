/**
 * What each kind of client sends on an affiliate link: real browsers with the headers they really send
 * (client hints on Chromium, none on Safari and Firefox), HTTP libraries wearing a browser's user agent,
 * headless Chrome, and declared crawlers from the isbot project's labelled corpus.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { int, pick, type Rng } from "./prng";

export type Headers = Record<string, string>;

export const BROWSERS = ["chrome-desktop", "chrome-android", "safari-ios", "chrome-ios", "firefox", "edge", "samsung", "instagram-ios"] as const;
export type Browser = (typeof BROWSERS)[number];

/** Share of shoppers per browser (Brazilian e-commerce traffic is mostly mobile). */
export const BROWSER_SHARE: Record<Browser, number> = {
  "chrome-desktop": 26, "chrome-android": 30, "safari-ios": 20, "chrome-ios": 4, firefox: 5, edge: 6, samsung: 4, "instagram-ios": 5,
};

const LANGUAGES = ["pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "pt-BR,pt;q=0.9", "pt-BR", "en-US,en;q=0.9", "es-419,es;q=0.9,pt;q=0.8"];
const HTML_ACCEPT_CHROMIUM = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
const HTML_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const NAVIGATION = { "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "sec-fetch-site": "cross-site", "upgrade-insecure-requests": "1" };

const iosVersion = (r: Rng) => pick(r, ["16_7", "17_5", "17_6", "18_1", "18_3"]);

function chromium(ua: string, brand: string, v: number, mobile: boolean, platform: string, r: Rng): Headers {
  return {
    "user-agent": ua,
    accept: HTML_ACCEPT_CHROMIUM,
    "accept-language": pick(r, LANGUAGES),
    "accept-encoding": "gzip, deflate, br, zstd",
    "sec-ch-ua": `"${brand}";v="${v}", "Chromium";v="${v}", "Not_A Brand";v="24"`,
    "sec-ch-ua-mobile": mobile ? "?1" : "?0",
    "sec-ch-ua-platform": `"${platform}"`,
    ...NAVIGATION,
  };
}

function webkit(ua: string, r: Rng): Headers {
  return { "user-agent": ua, accept: HTML_ACCEPT, "accept-language": pick(r, LANGUAGES), "accept-encoding": "gzip, deflate, br", ...NAVIGATION };
}

/** A real browser's request headers, with a plausible current version. */
export function browserHeaders(b: Browser, r: Rng): Headers {
  const v = int(r, 124, 133);
  const ios = iosVersion(r);
  switch (b) {
    case "chrome-desktop": {
      const mac = r() < 0.3;
      const os = mac ? "Macintosh; Intel Mac OS X 10_15_7" : "Windows NT 10.0; Win64; x64";
      return chromium(`Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`, "Google Chrome", v, false, mac ? "macOS" : "Windows", r);
    }
    case "chrome-android":
      return chromium(`Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Mobile Safari/537.36`, "Google Chrome", v, true, "Android", r);
    case "edge":
      return chromium(`Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.0.0`, "Microsoft Edge", v, false, "Windows", r);
    case "samsung":
      return chromium(`Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/${v - 2}.0.0.0 Mobile Safari/537.36`, "Samsung Internet", v - 2, true, "Android", r);
    case "safari-ios":
      return webkit(`Mozilla/5.0 (iPhone; CPU iPhone OS ${ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${ios.split("_")[0]}.0 Mobile/15E148 Safari/604.1`, r);
    case "chrome-ios":
      return webkit(`Mozilla/5.0 (iPhone; CPU iPhone OS ${ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/${v}.0.6723.90 Mobile/15E148 Safari/604.1`, r);
    case "instagram-ios":
      return webkit(`Mozilla/5.0 (iPhone; CPU iPhone OS ${ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 356.0.0.41.101 (iPhone14,5; iOS ${ios}; pt_BR; pt; scale=3.00; 1170x2532; 657014216)`, r);
    case "firefox": {
      const fv = int(r, 128, 134);
      return { "user-agent": `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${fv}.0) Gecko/20100101 Firefox/${fv}.0`, accept: HTML_ACCEPT, "accept-language": pick(r, LANGUAGES), "accept-encoding": "gzip, deflate, br, zstd", ...NAVIGATION };
    }
  }
}

/** An HTTP library (requests, curl, Go) with a browser's user agent pasted in: no languages, no client hints. */
export function scriptedHeaders(r: Rng): Headers {
  const ua = browserHeaders(pick(r, ["chrome-desktop", "chrome-android", "edge", "firefox"] as const), r)["user-agent"];
  return { "user-agent": ua, accept: "*/*", "accept-encoding": "gzip, deflate" };
}

/** Puppeteer/Playwright's default headless Chrome. */
export function headlessHeaders(r: Rng): Headers {
  const v = int(r, 124, 133);
  return {
    ...chromium(`Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${v}.0.0.0 Safari/537.36`, "HeadlessChrome", v, false, "Linux", r),
    "accept-language": "en-US,en;q=0.9",
  };
}

/** The labelled crawler strings (../shared/data/user-agents/crawlers.yml, as core/bot-corpora.test.ts finds it). */
function loadCrawlers(): string[] {
  const dir = [process.env.INDICA_SHARED_DIR, fileURLToPath(new URL("../../../shared", import.meta.url)), "/work/shared"]
    .filter((d): d is string => !!d)
    .map((d) => resolve(d, "data/user-agents"))
    .find((d) => existsSync(resolve(d, "crawlers.yml")));
  if (!dir) return FALLBACK_CRAWLERS;
  return readFileSync(resolve(dir, "crawlers.yml"), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("  - "))
    .map((line) => line.slice(4).trim())
    .map((v) => (/^".*"$/.test(v) ? (JSON.parse(v) as string) : /^'.*'$/.test(v) ? v.slice(1, -1).replace(/''/g, "'") : v));
}

const FALLBACK_CRAWLERS = [
  "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
  "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
  "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
  "python-requests/2.31.0",
  "curl/8.5.0",
];

let crawlers: string[] | undefined;

/** A declared crawler: the corpus is sorted by product, so the draw is uniform over all of it. */
export function crawlerHeaders(r: Rng): Headers {
  crawlers ??= loadCrawlers();
  return { "user-agent": pick(r, crawlers), accept: "*/*" };
}
