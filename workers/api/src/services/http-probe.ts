/**
 * Fetches a page of someone else's site on behalf of a merchant (domain verification, install check).
 * Bounded in time and size so a slow or huge site cannot hold the request, and never throws: an
 * unreachable site is an answer ("could not connect"), not a 500.
 */
export interface ProbeResult {
  ok: boolean;
  status?: number;
  contentType?: string;
  body: string;
  /** Why the fetch failed, in words for the merchant; set when `ok` is false. */
  reason?: string;
}

export const PROBE_TIMEOUT_MS = 5_000;
export const PROBE_MAX_BYTES = 1_000_000;

async function readCapped(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  const all = new Uint8Array(Math.min(size, maxBytes));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, all.length - at);
    all.set(part, at);
    at += part.length;
  }
  return new TextDecoder().decode(all);
}

export async function probeUrl(url: string, o: { timeoutMs?: number; maxBytes?: number } = {}): Promise<ProbeResult> {
  const signal = AbortSignal.timeout(o.timeoutMs ?? PROBE_TIMEOUT_MS);
  try {
    const res = await fetch(url, { signal, headers: { "user-agent": "IndicaBot/1.0 (+install check)" }, redirect: "follow" });
    const body = await readCapped(res, o.maxBytes ?? PROBE_MAX_BYTES);
    const result = { status: res.status, contentType: res.headers.get("content-type") ?? undefined, body };
    return res.ok ? { ok: true, ...result } : { ok: false, ...result, reason: `answered HTTP ${res.status}` };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    return { ok: false, body: "", reason: timedOut ? `no answer within ${(o.timeoutMs ?? PROBE_TIMEOUT_MS) / 1000} s` : "could not connect" };
  }
}
