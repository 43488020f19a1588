import { describe, expect, it } from "vitest";
import { findScriptTag, readConfig } from "./config";
import { SITE } from "./testing";

const tag = (attrs: Record<string, string>) => ({ getAttribute: (name: string) => attrs[name] ?? null });

describe("readConfig", () => {
  it("reads the data-* attributes", () => {
    const el = tag({ "data-site": SITE, "data-consent": "required", "data-param": "ref", "data-endpoint": "https://loja.example/t/" });
    expect(readConfig(el)).toEqual({ site: SITE, consentRequired: true, param: "ref", endpoint: "https://loja.example/t" });
  });

  it("defaults to same-origin /_indica, indica_cid and no consent requirement", () => {
    expect(readConfig(tag({ "data-site": SITE }))).toEqual({ site: SITE, consentRequired: false, param: "indica_cid", endpoint: "/_indica" });
  });

  it("refuses a missing or malformed site id", () => {
    expect(readConfig(tag({}))).toBeNull();
    expect(readConfig(tag({ "data-site": "tnt_123" }))).toBeNull();
    expect(readConfig(null)).toBeNull();
  });
});

describe("findScriptTag", () => {
  it("prefers document.currentScript and falls back to script[data-site]", () => {
    const current = tag({ "data-site": SITE });
    const other = tag({ "data-site": SITE });
    const selectors: string[] = [];
    const querySelector = (s: string) => (selectors.push(s), other);
    expect(findScriptTag({ currentScript: current, querySelector })).toBe(current);
    expect(findScriptTag({ currentScript: null, querySelector })).toBe(other);
    expect(findScriptTag({ currentScript: tag({}), querySelector })).toBe(other);
    expect(selectors).toEqual(["script[data-site]", "script[data-site]"]);
  });
});
