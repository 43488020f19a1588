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

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * UTF-8 bytes of a string, which the queue's limits count. Clicks are nearly always ASCII (ids, hashes,
 * most user agents), so the count is the length unless a character says otherwise; sub-ids and user agents
 * in other scripts take up to three bytes a character.
 */
export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
