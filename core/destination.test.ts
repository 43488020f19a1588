import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { destinationWithClickId, isHttpUrl, normalizeHttpUrl } from "./destination";

describe("destinationWithClickId", () => {
  it("keeps the destination's query, UTM tags and fragment", () => {
    const out = new URL(destinationWithClickId("https://loja.example/p/tenis?utm_source=insta&cor=azul#avaliacoes", "indica_cid", "clk_X"));
    expect(out.searchParams.get("utm_source")).toBe("insta");
    expect(out.searchParams.get("cor")).toBe("azul");
    expect(out.searchParams.get("indica_cid")).toBe("clk_X");
    expect(out.hash).toBe("#avaliacoes");
    expect(out.pathname).toBe("/p/tenis");
  });

  it("replaces a stale click id instead of sending two", () => {
    const out = new URL(destinationWithClickId("https://loja.example/?indica_cid=old", "indica_cid", "clk_new"));
    expect(out.searchParams.getAll("indica_cid")).toEqual(["clk_new"]);
  });

  it("never loses an existing parameter", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.string({ maxLength: 20 })), (params) => {
        delete params.indica_cid;
        const url = new URL("https://loja.example/x");
        for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
        const out = new URL(destinationWithClickId(url.toString(), "indica_cid", "clk_1"));
        for (const [k, v] of Object.entries(params)) expect(out.searchParams.get(k)).toBe(v);
      }),
    );
  });

  it("fills each click id into a per-link template exactly as parsing the destination each time would", () => {
    const direct = (destination: string, param: string, id: string) => {
      const url = new URL(destination);
      url.searchParams.set(param, id);
      return url.toString();
    };
    const destination = fc
      .tuple(fc.constantFrom("https://loja.example/p", "http://Loja.Example:8080/a b/", "https://x.example/?indicaclickidslot=1"), fc.string({ maxLength: 30 }), fc.option(fc.string({ maxLength: 10 })))
      .map(([base, query, hash]) => `${base}${base.includes("?") ? "&" : "?"}${encodeURIComponent(query)}=${query}${hash === null ? "" : `#${hash}`}`);
    const id = fc.oneof(fc.stringMatching(/^clk_[0-9a-z]{10,26}$/), fc.string({ minLength: 1, maxLength: 12 }));
    fc.assert(
      fc.property(destination, fc.constantFrom("indica_cid", "ref", "indicaclickidslot"), id, id, (dest, param, first, second) => {
        expect(destinationWithClickId(dest, param, first)).toBe(direct(dest, param, first));
        expect(destinationWithClickId(dest, param, second)).toBe(direct(dest, param, second));
      }),
      { numRuns: 300 },
    );
  });

  it("accepts only absolute http(s) URLs", () => {
    expect(isHttpUrl("https://loja.example")).toBe(true);
    expect(isHttpUrl("javascript:alert(1)")).toBe(false);
    expect(isHttpUrl("/relative")).toBe(false);
    expect(isHttpUrl("ftp://x.example")).toBe(false);
    expect(isHttpUrl("https://loja.example/a\r\nSet-Cookie: x=1")).toBe(false);
    expect(isHttpUrl("https://loja.example/a\u0000b")).toBe(false);
  });

  it("normalises what it stores", () => {
    expect(normalizeHttpUrl("HTTPS://Loja.Example/a b?q=ç")).toBe("https://loja.example/a%20b?q=%C3%A7");
  });
});
