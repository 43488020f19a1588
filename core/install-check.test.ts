import { describe, expect, it } from "vitest";
import { findSnippetTags, isJavaScriptType } from "./install-check";

describe("findSnippetTags", () => {
  it("finds the loader and the hashed script with their site, resolving relative src", () => {
    const html = `<head><script src="/app.js"></script><script async src="/_indica/s.js" data-site="tnt_A"></script>
      <SCRIPT data-site='tnt_B' SRC='https://t.loja.com.br/_indica/s.ab12cd.js'></SCRIPT><script>inline()</script></head>`;
    expect(findSnippetTags(html, "https://loja.com.br/p/1")).toEqual([
      { src: "https://loja.com.br/_indica/s.js", site: "tnt_A" },
      { src: "https://t.loja.com.br/_indica/s.ab12cd.js", site: "tnt_B" },
    ]);
  });

  it("ignores lookalikes and tags without data-site report null", () => {
    expect(findSnippetTags(`<script src="/_indica/s.json"></script><script src="/x_indica/s.js"></script>`, "https://a.com/")).toEqual([]);
    expect(findSnippetTags(`<script src=/_indica/s.js></script>`, "https://a.com/")).toEqual([{ src: "https://a.com/_indica/s.js", site: null }]);
  });

  it("tells JavaScript content types", () => {
    expect(isJavaScriptType("application/javascript; charset=utf-8")).toBe(true);
    expect(isJavaScriptType("text/javascript")).toBe(true);
    expect(isJavaScriptType("text/html")).toBe(false);
    expect(isJavaScriptType(undefined)).toBe(false);
  });
});
