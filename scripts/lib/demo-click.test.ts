import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { requestSignals } from "../../core/click-signals";
import { DEMO_CLICK_HEADERS, DEMO_CLICK_USER_AGENT, demoClickCommand } from "./demo-click";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("the demo click npm start's banner suggests", () => {
  it("is README's quickstart command (which test/readme-examples.happy.test.ts runs)", () => {
    expect(README).toContain(demoClickCommand("http://localhost:8787/demo"));
  });

  it("is not flagged by the click checks: a browser's user agent with a browser's headers", () => {
    const command = demoClickCommand("http://localhost:8787/demo");
    const headers = Object.fromEntries([...command.matchAll(/-H (?:"([^"]*)"|'([^']*)')/g)].map((m) => (m[1] ?? m[2]).split(/: (.*)/s, 2)));
    expect(headers).toEqual(DEMO_CLICK_HEADERS);
    expect(/-A "([^"]*)"/.exec(command)?.[1]).toBe(DEMO_CLICK_USER_AGENT);
    const facts = { userAgent: DEMO_CLICK_USER_AGENT, accept: headers.Accept, acceptLanguage: headers["Accept-Language"], secChUa: headers["Sec-CH-UA"], asn: null, adClickIds: {} };
    expect(requestSignals(facts, { paidSearchAllowed: false })).toEqual([]);
    // What the banner used to suggest was flagged: orders after it were held for review.
    expect(requestSignals({ ...facts, userAgent: "Mozilla/5.0 Chrome/131.0", accept: null, acceptLanguage: null, secChUa: null }, { paidSearchAllowed: false })).toEqual([
      "missing_browser_headers",
      "inconsistent_client_hints",
    ]);
  });
});
