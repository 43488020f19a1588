/**
 * Finds the Indica snippet in a merchant's HTML: a `<script>` whose src ends with `/_indica/s.js` (the
 * loader) or `/_indica/s.<hash>.js` (the script itself, when a site inlines the loader's work), and its
 * `data-site`. A regular expression over tags, not a DOM: the check only needs attributes, and Workers have
 * no DOM parser.
 */
const SCRIPT_TAG = /<script\b([^>]*)>/gi;
const ATTRIBUTE = /([a-z][a-z0-9_:-]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi;
const SNIPPET_PATH = /\/_indica\/s(\.[0-9a-z]+)?\.js$/i;

export interface SnippetTag {
  src: string;
  site: string | null;
}

function attributesOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(ATTRIBUTE)) out.set(m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? "");
  return out;
}

/** The snippet tags of `html`, with src resolved against the page's URL. */
export function findSnippetTags(html: string, pageUrl: string): SnippetTag[] {
  const found: SnippetTag[] = [];
  for (const m of html.matchAll(SCRIPT_TAG)) {
    const attrs = attributesOf(m[1]);
    const src = attrs.get("src");
    if (!src) continue;
    let resolved: URL;
    try {
      resolved = new URL(src, pageUrl);
    } catch {
      continue;
    }
    if (SNIPPET_PATH.test(resolved.pathname)) found.push({ src: resolved.href, site: attrs.get("data-site") ?? null });
  }
  return found;
}

export const isJavaScriptType = (contentType: string | undefined): boolean => /\b(javascript|ecmascript)\b/i.test(contentType ?? "");
