/**
 * Text that Postgres will store: no ASCII control characters (Postgres refuses NUL; CR/LF/TAB have no
 * place in a label or URL) and no lone UTF-16 surrogates (jsonb and text refuse them). Checked at the
 * edge so a request is refused there, never accepted and then lost.
 */
const UNSTORABLE = /[\u0000-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** A JSON-ready copy of a payload that jsonb will accept: lone surrogates and NUL replaced by U+FFFD. */
export function storableJson(payload: unknown): unknown {
  const json = JSON.stringify(payload === undefined ? { missing: true } : payload);
  return JSON.parse(json.replace(/\\u(d[89a-f][0-9a-f]{2}|0000)/gi, "\\ufffd"));
}
