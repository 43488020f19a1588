import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allowListEntry, canonicalHost, destinationRefusal, hostAllowed } from "./destination-host";

const shop = ["loja.example"];
const refusal = (url: string, allowed = shop, http = false) => destinationRefusal(url, allowed, http);

describe("destinationRefusal", () => {
  it.each([
    "https://loja.example/p/tenis?utm_source=x#a",
    "https://LOJA.Example/p",
    "https://www.loja.example/",
    "https://checkout.loja.example/carrinho",
    "https://loja.example./p",
    "https://loja.example:8443/p",
    "https://loja.example/?next=https://evil.example",
  ])("allows %s", (url) => {
    expect(refusal(url)).toBeNull();
  });

  it.each([
    ["another site", "https://evil.example/phish"],
    ["the shop's name as a subdomain of another", "https://loja.example.evil.com/"],
    ["the shop's name in the query", "https://evil.com/?loja.example"],
    ["the shop's name in the path", "https://evil.com/loja.example"],
    ["the shop's name as a user name", "https://loja.example@evil.com/"],
    ["a name ending like the shop's", "https://fakeloja.example/"],
    ["a look-alike IDN (Cyrillic о)", "https://lоja.example/"],
    ["a backslash trick", "https://evil.com\\@loja.example/"],
    ["an encoded dot", "https://loja%2Eexample.evil.com/"],
    ["a parent of the shop's domain", "https://example/"],
  ])("refuses %s", (_, url) => {
    expect(refusal(url)).toBe("host");
  });

  it("refuses credentials even on the shop's host", () => {
    expect(refusal("https://evil.com:x@loja.example/")).toBe("credentials");
    expect(refusal("https://user@loja.example/")).toBe("credentials");
  });

  it("allows http only when the campaign's destination is http", () => {
    expect(refusal("http://loja.example/")).toBe("scheme");
    expect(refusal("http://loja.example/", shop, true)).toBeNull();
    expect(refusal("ftp://loja.example/", shop, true)).toBe("scheme");
    expect(refusal("javascript:alert(1)//loja.example", shop, true)).toBe("scheme");
  });

  it("matches IDN hosts in punycode, whichever form was written", () => {
    const idn = [allowListEntry("https://café.example/")!];
    expect(idn).toEqual(["xn--caf-dma.example"]);
    expect(refusal("https://CAFÉ.example/menu", idn)).toBeNull();
    expect(refusal("https://www.xn--caf-dma.example/", idn)).toBeNull();
    expect(refusal("https://cafe.example/", idn)).toBe("host");
  });

  it("allows IP addresses only exactly", () => {
    expect(refusal("https://127.0.0.1:8787/", ["127.0.0.1"])).toBeNull();
    expect(refusal("https://10.127.0.0.1/", ["127.0.0.1"])).toBe("host");
    expect(refusal("https://[::1]/", ["[::1]"])).toBeNull();
  });
});

describe("allowListEntry", () => {
  it("keeps the host of a URL, origin or bare host, without www., case or root dot", () => {
    expect(allowListEntry("https://www.Loja.example/verao?x=1")).toBe("loja.example");
    expect(allowListEntry("https://loja.example:8443")).toBe("loja.example");
    expect(allowListEntry("Loja.Example.")).toBe("loja.example");
    expect(allowListEntry("www.example")).toBe("www.example");
    expect(allowListEntry("")).toBeNull();
  });
});

describe("hostAllowed", () => {
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
  const host = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => `${l.join(".")}.example`);

  it("a subdomain of an allowed host is allowed; a host that only contains it as text is not", () => {
    fc.assert(
      fc.property(host, label, (allowed, sub) => {
        expect(hostAllowed(`${sub}.${allowed}`, [allowed])).toBe(true);
        expect(hostAllowed(`${allowed.toUpperCase()}.`, [allowed])).toBe(true);
        expect(hostAllowed(`${allowed}.evil.com`, [allowed])).toBe(false);
        expect(hostAllowed(`${sub}${allowed}`, [allowed])).toBe(false);
      }),
    );
  });

  it("any URL it allows has the allowed host or a subdomain of it as its parsed hostname", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), host, (url, allowed) => {
        if (destinationRefusal(url, [allowed], true) !== null) return;
        const h = canonicalHost(url)!;
        expect(h === allowed || h.endsWith(`.${allowed}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
