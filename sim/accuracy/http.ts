/** JSON over HTTP to the local stack, failing loudly on an unexpected status (the sim never guesses). */
export interface Endpoints {
  /** Edge entry: links on the shared link domain (`localhost`), `/_indica/*` routed to ingest. */
  edge: string;
  ingest: string;
  api: string;
}

export async function call<T = unknown>(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }, expect: number[] = [200, 201, 202, 204]): Promise<T> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { method: init.method ?? (init.body === undefined ? "GET" : "POST"), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    // The API allows 600 requests a minute per key: wait as told rather than fail the run.
    if (res.status === 429 && attempt < 10) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get("retry-after") ?? 1)));
      continue;
    }
    const text = await res.text();
    if (!expect.includes(res.status)) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

/** Every item of a paged `/v1` list (`limit` 200, `nextCursor`). */
export async function listAll<T>(url: string, token: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes("?") ? "&" : "?";
    const page: { items: T[]; nextCursor: string | null } = await call(`${url}${sep}limit=200${cursor ? `&cursor=${cursor}` : ""}`, { token });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
