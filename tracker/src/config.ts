/**
 * Configuration comes from the script tag's data-* attributes. The loader (/_indica/s.js) injects the
 * hashed bundle and copies those attributes onto the new tag, so `document.currentScript` is the tag to read.
 */
export type Config = {
  site: string;
  /** Whether the merchant needs the shopper's consent before we store anything. */
  consentRequired: boolean;
  /** Query parameter that carries the click id on the landing URL. */
  param: string;
  /** Base URL of the ingest endpoints, without a trailing slash. */
  endpoint: string;
};

type AttributeSource = { getAttribute(name: string): string | null };

export function readConfig(el: AttributeSource | null | undefined): Config | null {
  const attr = (name: string) => (el && el.getAttribute("data-" + name)) || "";
  const site = attr("site");
  if (!/^tnt_[0-9A-HJKMNP-TV-Z]{26}$/.test(site)) return null;
  return {
    site,
    consentRequired: attr("consent") == "required",
    param: attr("param") || "indica_cid",
    endpoint: (attr("endpoint") || "/_indica").replace(/\/+$/, ""),
  };
}

type ScriptLookup = { currentScript: AttributeSource | null; querySelector(selector: string): AttributeSource | null };

/** `currentScript` is null when read after the first run (e.g. from a callback), hence the selector fallback. */
export function findScriptTag(doc: ScriptLookup): AttributeSource | null {
  const current = doc.currentScript;
  return current && current.getAttribute("data-site") ? current : doc.querySelector("script[data-site]");
}
