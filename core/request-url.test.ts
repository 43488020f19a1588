import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isLinkCode } from "./link-code";
import { linkCodeOf, requestUrlParts } from "./request-url";

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

describe("linkCodeOf", () => {
  // What the router would make of the URL: `/:code` in non-strict mode, so one path segment and an
  // optional trailing slash, and only a valid link code counts.
  const routed = (method: string, href: string) => {
    const segments = new URL(href).pathname.split("/");
    const oneSegment = segments.length === 2 || (segments.length === 3 && segments[2] === "");
    return (method === "GET" || method === "HEAD") && oneSegment && isLinkCode(segments[1]) ? segments[1] : null;
  };

  it("finds the same code the router does", () => {
    const code = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,8}$/), fc.constantFrom("robots.txt", "_indica", "v1", "API", "a.b", ""));
    const path = fc.oneof(
      code.map((c) => `/${c}`),
      code.map((c) => `/${c}/`),
      fc.tuple(code, code).map(([a, b]) => `/${a}/${b}`),
      fc.webPath(),
    );
    const url = fc
      .tuple(fc.constantFrom("http", "https"), fc.domain(), path, fc.option(fc.webQueryParameters()), fc.option(fc.webFragments()))
      .map(([scheme, host, p, query, fragment]) => new URL(`${scheme}://${host}${p}${query === null ? "" : `?${query}`}${fragment === null ? "" : `#${fragment}`}`).href);
    fc.assert(
      fc.property(fc.constantFrom("GET", "HEAD", "POST", "OPTIONS"), url, (method, href) => {
        expect(linkCodeOf(method, href)).toBe(routed(method, href));
      }),
      { numRuns: 1000 },
    );
  });

  it("handles the edge cases by hand", () => {
    expect(linkCodeOf("GET", "https://go.indica.link/maria?sub1=x")).toBe("maria");
    expect(linkCodeOf("HEAD", "https://go.indica.link/maria/")).toBe("maria");
    expect(linkCodeOf("GET", "https://go.indica.link/maria/?x=1#y")).toBe("maria");
    expect(linkCodeOf("GET", "https://go.indica.link/maria//")).toBeNull();
    expect(linkCodeOf("GET", "https://go.indica.link/")).toBeNull();
    expect(linkCodeOf("GET", "https://go.indica.link")).toBeNull();
    expect(linkCodeOf("GET", "https://go.indica.link/robots.txt")).toBeNull();
    expect(linkCodeOf("GET", "https://go.indica.link/_indica/e")).toBeNull();
    expect(linkCodeOf("GET", "https://go.indica.link/ma%72ia")).toBeNull();
    expect(linkCodeOf("POST", "https://go.indica.link/maria")).toBeNull();
  });
});
