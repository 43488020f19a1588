/**
 * consent_mode "required" at the edge: before consent, the link redirect and /_indica/click set no cookie and
 * the click is counted without identifiers; with the consent cookie, or back in "not_required", they do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_HEADERS, postEvents } from "./helpers/tracking";
import { callApi, jsonOf, setCookies } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { configureSite, eventBatch, pageview } from "./helpers/ingest-fixtures";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
// Link records stay in isolate memory for 1 s here (15 s deployed), so a settings change shows quickly.
beforeAll(async () => {
  stack = await startTestStack({ bindings: { "indica-redirect": { LINK_MEMORY_TTL_SECONDS: "1" } } });
});
afterAll(() => stack?.close());

const IP = "203.0.113.77";

function click(code: string, cookie?: string) {
  return stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}?gclid=ad-1`, {
    headers: { ...BROWSER_HEADERS, "cf-connecting-ip": IP, referer: "https://www.instagram.com/p/xyz", ...(cookie ? { cookie } : {}) },
  });
}

const clickIdOf = (res: Response) => new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;

async function clickRow(id: string) {
  return waitFor(async () => (await stack.db.query("SELECT * FROM clicks WHERE id = $1", [id])).rows[0], 20_000, `click ${id}`);
}

describe("the link redirect under consent_mode required", () => {
  it("without consent: 302 with the click id, no cookie, a click without identifiers", async () => {
    const p = await seedTestProgram(stack);
    await configureSite(stack, p.tenantId, { consentMode: "required" });
    // A visitor cookie from an earlier visit is not read either: reading it needs consent too.
    const res = await click(p.code, "indica_vid=vis_01JB0000000000000000000000");
    expect(res.status).toBe(302);
    expect(setCookies(res)).toEqual([]);
    const id = clickIdOf(res);
    expect(id).toMatch(/^clk_/);
    const row = await clickRow(id);
    expect(row).toMatchObject({ ip_hash: null, ad_click_ids: {}, user_agent: "desktop", referrer_host: "www.instagram.com", affiliate_id: p.affiliateId });
    expect(row.visitor_id).not.toBe("vis_01JB0000000000000000000000");
    expect(JSON.stringify(row)).not.toContain("Chrome");
  });

  it("with the consent cookie (or back in not_required) the cookies and identifiers return", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    expect((await callApi(stack, "PATCH", "/v1/tenant", { key: owner, body: { consentMode: "required" } })).status).toBe(200);
    const before = await click(p.code);
    expect(setCookies(before)).toEqual([]);

    const granted = await click(p.code, "indica_consent=granted");
    expect(setCookies(granted).map((c) => c.split("=")[0]).sort()).toEqual(["indica_click", "indica_vid"]);
    expect(await clickRow(clickIdOf(granted))).toMatchObject({ ad_click_ids: { gclid: "ad-1" }, user_agent: BROWSER_HEADERS["user-agent"] });
    // Global Privacy Control outweighs the cookie.
    const gpc = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}`, { headers: { ...BROWSER_HEADERS, cookie: "indica_consent=granted", "sec-gpc": "1" } });
    expect(setCookies(gpc)).toEqual([]);

    // The API drops the cached link records; the redirect reloads them.
    expect((await jsonOf(await callApi(stack, "PATCH", "/v1/tenant", { key: owner, body: { consentMode: "not_required" } }))).consentMode).toBe("not_required");
    const after = await waitFor(async () => {
      const res = await click(p.code);
      return setCookies(res).length === 2 && res;
    }, 10_000, "cookies after switching back");
    const row = await clickRow(clickIdOf(after));
    expect(row.ip_hash).toEqual(expect.any(String));
    expect(row.visitor_id).toBe(/indica_vid=(vis_[0-9A-Z]{26})/.exec(setCookies(after).join("\n"))![1]);

    // And to "required" again: the change is not stuck in a cache either way.
    await callApi(stack, "PATCH", "/v1/tenant", { key: owner, body: { consentMode: "required" } });
    await waitFor(async () => setCookies(await click(p.code)).length === 0, 10_000, "no cookies after switching to required");
  });
});

describe("/_indica/click and /_indica/e under consent_mode required", () => {
  const postClick = (site: string, clickId: string, consent?: string, cookie?: string) =>
    stack.fetch("indica-ingest", "https://loja.indica.test/_indica/click", {
      method: "POST",
      headers: { "content-type": "text/plain", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ site, clickId, ...(consent ? { consent } : {}) }),
    });
  const CLICK = "clk_01JB0000000000000000000001";

  it("sets the click cookie only with consent, from the script or the consent cookie", async () => {
    const p = await seedTestProgram(stack);
    await configureSite(stack, p.tenantId, { consentMode: "required" });
    for (const [consent, cookie] of [[undefined, undefined], ["unknown", undefined], ["denied", "indica_consent=granted"]] as const) {
      const res = await postClick(p.tenantId, CLICK, consent, cookie);
      expect(res.status).toBe(204);
      expect(setCookies(res), `${consent} ${cookie}`).toEqual([]);
    }
    expect(setCookies(await postClick(p.tenantId, CLICK, "granted"))[0]).toMatch(/^indica_click=clk_/);
    expect(setCookies(await postClick(p.tenantId, CLICK, "unknown", "indica_consent=granted"))[0]).toMatch(/^indica_click=clk_/);
  });

  it("not_required keeps today's behaviour: the cookie without any consent field", async () => {
    const p = await seedTestProgram(stack);
    expect(setCookies(await postClick(p.tenantId, CLICK))[0]).toMatch(/^indica_click=clk_/);
  });

  it("/_indica/e remembers a grant in the consent cookie and drops it on a refusal", async () => {
    const p = await seedTestProgram(stack);
    await configureSite(stack, p.tenantId, { consentMode: "required" });
    const granted = setCookies(await postEvents(stack, eventBatch(p.tenantId, [pageview()], "granted")));
    const consentCookie = granted.find((c) => c.startsWith("indica_consent="))!;
    expect(consentCookie).toMatch(/^indica_consent=granted; Max-Age=15552000;/);
    expect(consentCookie).not.toContain("HttpOnly");
    expect(setCookies(await postEvents(stack, eventBatch(p.tenantId, [pageview()], "granted"), { cookie: "indica_consent=granted" })).some((c) => c.startsWith("indica_consent="))).toBe(false);
    expect(setCookies(await postEvents(stack, eventBatch(p.tenantId, [pageview()], "denied"), { cookie: "indica_consent=granted" }))).toEqual([expect.stringMatching(/^indica_consent=; Max-Age=0;/)]);
  });
});
