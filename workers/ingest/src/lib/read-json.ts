import { fail, ok, type Result } from "../../../../core/result";

/**
 * Reads a JSON body of at most `maxBytes`, whatever its content type: the tracking script posts
 * text/plain so browsers send it without a CORS preflight, and sendBeacon cannot set JSON anyway.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<Result<unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return fail("payload_too_large", `Bodies are limited to ${maxBytes} bytes.`);
  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > maxBytes) return fail("payload_too_large", `Bodies are limited to ${maxBytes} bytes.`);
  if (text.trim() === "") return fail("bad_request", "The body is empty; send a JSON object.");
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail("bad_request", "The body is not valid JSON.");
  }
}
