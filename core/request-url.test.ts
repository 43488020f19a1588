import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestUrlParts } from "./request-url";

describe("requestUrlParts", () => {
  it("reads the hostname and query as URL does, for the URLs a Worker receives", () => {
    const host = fc.oneof(
      fc.domain(),
      fc.ipV4(),
      fc.constantFrom("[::1]", "[2001:db8::7]", "Go.Indica.Link", "loja.example."),
    );
    const url = fc
      .tuple(fc.constantFrom("http", "https"), host, fc.option(fc.integer({ min: 1, max: 65535 })), fc.webPath(), fc.option(fc.webQueryParameters()), fc.option(fc.webFragments()))
      .map(([scheme, h, port, path, query, fragment]) => new URL(`${scheme}://${h}${port === null ? "" : `:${port}`}${path}${query === null ? "" : `?${query}`}${fragment === null ? "" : `#${fragment}`}`).href);
    fc.assert(
      fc.property(url, (href) => {
        const parsed = new URL(href);
        const parts = requestUrlParts(href);
        expect(parts.hostname).toBe(parsed.hostname);
        expect(parts.query).toBe(parsed.search.slice(1));
      }),
      { numRuns: 500 },
    );
  });

  it("handles the edge cases by hand", () => {
    expect(requestUrlParts("https://127.0.0.1:8787/maria?sub1=x#top")).toEqual({ hostname: "127.0.0.1", query: "sub1=x" });
    expect(requestUrlParts("https://LOJA.example/")).toEqual({ hostname: "loja.example", query: "" });
    expect(requestUrlParts("http://[::1]:80/x?")).toEqual({ hostname: "[::1]", query: "" });
    expect(requestUrlParts("https://u:p@go.indica.link/abc?q=1")).toEqual({ hostname: "go.indica.link", query: "q=1" });
    expect(requestUrlParts("https://go.indica.link/a#frag?no")).toEqual({ hostname: "go.indica.link", query: "" });
  });
});
