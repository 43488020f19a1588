import { fail, ok, type Result } from "../../../../core/result";

/** Hono's request: reading through it caches the body, so auth middleware and the route can both read it. */
export interface BodySource {
  header(name: string): string | undefined;
  text(): Promise<string>;
}

/**
 * Reads a JSON body of at most `maxBytes`, whatever its content type: the tracking script posts
 * text/plain so browsers send it without a CORS preflight, and sendBeacon cannot set JSON anyway.
 */
export async function readJsonBody(req: BodySource, maxBytes: number): Promise<Result<unknown>> {
  const text = await readTextBody(req, maxBytes);
  if (!text.ok) return text;
  if (text.value.trim() === "") return fail("bad_request", "The body is empty; send a JSON object.");
  try {
    return ok(JSON.parse(text.value) as unknown);
  } catch {
    return fail("bad_request", "The body is not valid JSON.");
  }
}

export async function readTextBody(req: BodySource, maxBytes: number): Promise<Result<string>> {
  const tooLarge = () => fail("payload_too_large", `Bodies are limited to ${maxBytes} bytes.`);
  if (Number(req.header("content-length") ?? "0") > maxBytes) return tooLarge();
  const text = await req.text();
  return new TextEncoder().encode(text).byteLength > maxBytes ? tooLarge() : ok(text);
}
