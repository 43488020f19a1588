/**
 * Bot detection against the isbot project's labelled corpora (../shared/data/user-agents): at least 99% of
 * crawlers flagged, at most 0.1% of real browsers flagged.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./enrich";

/** shared/ sits beside the checkout (CI, developers); INDICA_SHARED_DIR points elsewhere when it does not. */
const CORPORA =
  [process.env.INDICA_SHARED_DIR, fileURLToPath(new URL("../../shared", import.meta.url)), "/work/shared"]
    .filter((d): d is string => !!d)
    .map((d) => resolve(d, "data/user-agents"))
    .find((d) => existsSync(d)) ?? resolve(fileURLToPath(new URL("../../shared/data/user-agents", import.meta.url)));

/** The corpora's YAML is a flat map of product → list of strings; this reads exactly that. */
function yamlStrings(file: string): string[] {
  return readFileSync(join(CORPORA, file), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("  - "))
    .map((line) => line.slice(4).trim())
    .map((v) => (/^".*"$/.test(v) ? (JSON.parse(v) as string) : /^'.*'$/.test(v) ? v.slice(1, -1).replace(/''/g, "'") : v));
}

const jsonStrings = (file: string) => JSON.parse(readFileSync(join(CORPORA, file), "utf8")) as string[];

describe("bot detection on labelled corpora", () => {
  it("finds the corpora", () => {
    expect(existsSync(CORPORA), `${CORPORA} (shared/ beside the checkout)`).toBe(true);
  });

  it("flags at least 99% of crawlers", () => {
    const crawlers = [...new Set([...yamlStrings("crawlers.yml"), ...["kikobeats.json", "monperrus.json", "matomo-org.json", "ua-parser-js.json"].flatMap(jsonStrings)])];
    const missed = crawlers.filter((ua) => !describeUserAgent(ua, null).isBot);
    const rate = 1 - missed.length / crawlers.length;
    console.log(`crawlers: ${crawlers.length}, flagged ${(rate * 100).toFixed(2)}%`);
    expect(rate, `missed e.g. ${missed.slice(0, 5).join(" | ")}`).toBeGreaterThanOrEqual(0.99);
  });

  it("flags at most 0.1% of browsers", () => {
    const browsers = [...new Set(yamlStrings("browsers.yml"))];
    const flagged = browsers.filter((ua) => describeUserAgent(ua, null).isBot);
    console.log(`browsers: ${browsers.length}, flagged ${((flagged.length / browsers.length) * 100).toFixed(2)}%`);
    expect(flagged.length / browsers.length, `flagged: ${flagged.join(" | ")}`).toBeLessThanOrEqual(0.001);
  });
});
