/**
 * A shopper's cookie jar on a controlled clock. Expiry is decided by the Max-Age the server set and the
 * scenario's virtual time, so "the cookie expired after 24 h" happens without waiting 24 hours.
 */
export class CookieJar {
  private cookies = new Map<string, { value: string; expiresAt: number }>();
  /** `blocked`: the browser keeps no cookies at all (strict privacy settings). */
  constructor(private blocked = false) {}

  /** Takes every `Set-Cookie` of a response, set at virtual time `now`. */
  take(res: Response, now: number): void {
    if (this.blocked) return;
    // Node's fetch (undici) has getSetCookie; the Workers types this repo compiles against do not declare it.
    const lines: string[] = (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
    for (const line of lines) {
      const [pair, ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const maxAge = attrs.find((a) => /^max-age=/i.test(a));
      const seconds = maxAge ? Number(maxAge.split("=")[1]) : 400 * 86_400;
      this.cookies.set(pair.slice(0, eq), { value: pair.slice(eq + 1), expiresAt: now + seconds * 1000 });
    }
  }

  get(name: string, now: number): string | null {
    const c = this.cookies.get(name);
    return c && c.expiresAt > now ? c.value : null;
  }

  /** The `Cookie` header a browser would send at virtual time `now` (undefined when empty). */
  header(now: number): string | undefined {
    const live = [...this.cookies].filter(([, c]) => c.expiresAt > now).map(([k, c]) => `${k}=${c.value}`);
    return live.length ? live.join("; ") : undefined;
  }

  /** Deletes one cookie, as a shopper clearing it or a browser capping it would. */
  drop(name: string): void {
    this.cookies.delete(name);
  }
}
