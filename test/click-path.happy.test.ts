import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setCookies } from "./helpers/api";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

async function clicksOf(tenantId: string) {
  const { rows } = await stack.db.query("SELECT * FROM clicks WHERE tenant_id = $1 ORDER BY clicked_at", [tenantId]);
  return rows;
}

describe("click path", () => {
  it("redirects with a click id and cookies, then stores exactly one click", async () => {
    const p = await seedTestProgram(stack, { subIds: { sub1: "instagram" }, cookieDomain: "loja.example", cookieLifetimeDays: 45 });
    const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}?sub2=stories&gclid=abc`, {
      headers: { "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "cf-connecting-ip": "203.0.113.7", referer: "https://www.instagram.com/p/xyz" },
    });

    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const location = new URL(res.headers.get("location")!);
    const clickId = location.searchParams.get("indica_cid")!;
    expect(clickId).toMatch(/^clk_[0-9A-Z]{26}$/);
    expect(location.origin + location.pathname).toBe("https://loja.example/produtos");
    expect(location.searchParams.get("utm_source")).toBe("indica");
    expect(location.searchParams.get("utm_medium")).toBe("affiliate");

    const cookies = setCookies(res);
    const click = cookies.find((c: string) => c.startsWith("indica_click="))!;
    expect(click).toContain(`indica_click=${clickId}`);
    expect(click).toContain(`Max-Age=${45 * 86400}`);
    expect(click).toContain("Domain=loja.example");
    expect(click).toMatch(/HttpOnly/);
    expect(click).toMatch(/Secure/);
    expect(click).toMatch(/SameSite=Lax/);
    const visitorId = /indica_vid=(vis_[0-9A-Z]{26})/.exec(cookies.join("\n"))![1];

    const rows = await waitFor(async () => {
      const r = await clicksOf(p.tenantId);
      return r.length > 0 && r;
    }, 20_000, "the click row");
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({
      id: clickId,
      tenant_id: p.tenantId,
      campaign_id: p.campaignId,
      affiliate_id: p.affiliateId,
      link_id: p.linkId,
      visitor_id: visitorId,
      sub_ids: { sub1: "instagram", sub2: "stories" },
      ad_click_ids: { gclid: "abc" },
      referrer_host: "www.instagram.com",
    });
    // The raw IP never reaches Postgres.
    expect(JSON.stringify(row)).not.toContain("203.0.113");
    expect(row.ip_hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it("keeps a returning visitor's id", async () => {
    const p = await seedTestProgram(stack);
    const first = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}`, { headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1" } });
    const vid = /indica_vid=(vis_[0-9A-Z]{26})/.exec(setCookies(first).join("\n"))![1];
    const second = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}`, {
      headers: { cookie: `indica_vid=${vid}`, "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1" },
    });
    expect(setCookies(second).join("\n")).toContain(`indica_vid=${vid}`);
    const rows = await waitFor(async () => {
      const r = await clicksOf(p.tenantId);
      return r.length === 2 && r;
    }, 20_000, "two clicks");
    expect(rows.map((r) => r.visitor_id)).toEqual([vid, vid]);
  });

  // Plain links take the Worker's router-free entry; a percent-encoded code goes through the router, which
  // decodes it. Both must end in the same tracked redirect.
  it("follows a link with a trailing slash or percent-encoded letters like the plain link", async () => {
    const p = await seedTestProgram(stack, { code: "Trail-Slash" + Date.now().toString(36) });
    const encoded = p.code.replace("T", "%54").replace("S", "%53");
    for (const path of [`/${p.code}/`, `/${encoded}`, `/${encoded}/?sub1=x`]) {
      const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}${path}`, { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0", accept: "text/html", "accept-language": "pt-BR" } });
      expect(res.status, path).toBe(302);
      expect(new URL(res.headers.get("location")!).searchParams.get("indica_cid"), path).toMatch(/^clk_/);
      expect(setCookies(res), path).toHaveLength(2);
    }
    const rows = await waitFor(async () => {
      const r = await clicksOf(p.tenantId);
      return r.length === 3 && r;
    }, 20_000, "three clicks");
    expect(rows.map((r) => r.sub_ids.sub1 ?? null).sort()).toEqual([null, null, "x"]);
  });
});
