/**
 * Every JSON body of the API refuses keys it does not have, with a 400 pointing at each one, also beside
 * known keys: `{"name": "Verão", "staus": "paused"}` renamed the campaign and left it running, and the
 * caller believed both changes were made. Free-form maps (sub-ids) stay free, and valid bodies work as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { callApi, expectFieldErrors, jsonOf, uniqueLinkDomain, uniqueSuffix } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

const HASH = "a".repeat(64);

/** Asserts a 400 whose errors point at each unknown key, with the detail that names the resource's fields. */
async function expectUnknownKeys(res: Response, pointers: string[], what: string): Promise<void> {
  const problem = await expectFieldErrors(res, pointers);
  for (const pointer of pointers) {
    expect(problem.errors?.find((e) => e.pointer === pointer)?.detail, `${what} ${pointer}`).toMatch(/^unknown field/);
  }
}

describe("bodies with a key the endpoint does not have", () => {
  it("are refused on every create and update endpoint, with a pointer at the key", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const webhook = await jsonOf(await callApi(stack, "POST", "/v1/webhooks", { key, body: { url: "https://hooks.example/indica" } }));
    const user = await jsonOf(await callApi(stack, "POST", "/v1/users", { key, body: { email: `u-${uniqueSuffix()}@example.com`, role: "analyst" } }));
    const apiKey = await jsonOf(await callApi(stack, "POST", "/v1/api-keys", { key, body: { name: "ci" } }));
    const coupon = await jsonOf(await callApi(stack, "POST", "/v1/coupons", { key, body: { code: `C${uniqueSuffix()}`, affiliateId: p.affiliateId, campaignId: p.campaignId } }));
    const cases: [string, string, unknown, string[]][] = [
      ["POST", "/v1/auth/login", { email: "someone@example.com", password: "whatever-it-is", remember: true }, ["/body/remember"]],
      ["POST", "/v1/auth/signup", { merchantName: "Loja", email: `s-${uniqueSuffix()}@example.com`, password: "long enough password", plan: "pro" }, ["/body/plan"]],
      ["POST", "/v1/auth/refresh", { refreshToken: "rt", token: "rt" }, ["/body/token"]],
      ["POST", "/v1/auth/accept-invite", { token: "t", password: "long enough password", nmae: "Ana" }, ["/body/nmae"]],
      ["PATCH", "/v1/tenant", { name: "Loja Nova", timeZone: "America/Sao_Paulo" }, ["/body/timeZone"]],
      ["POST", "/v1/tenant/install-check", { url: "https://loja.example/", page: "/" }, ["/body/page"]],
      ["POST", "/v1/domains", { hostname: uniqueLinkDomain(), linkDomain: true }, ["/body/linkDomain"]],
      ["POST", "/v1/users", { email: `v-${uniqueSuffix()}@example.com`, role: "analyst", roles: ["admin"] }, ["/body/roles"]],
      ["PATCH", `/v1/users/${user.user.id}`, { name: "Bia", stauts: "disabled" }, ["/body/stauts"]],
      ["POST", "/v1/api-keys", { name: "ci", scope: ["links:read"] }, ["/body/scope"]],
      ["POST", `/v1/api-keys/${apiKey.apiKey.id}/rotate`, { grace: 60 }, ["/body/grace"]],
      ["POST", "/v1/signing-secrets", { scope: ["conversions:write"] }, ["/body/scope"]],
      ["PATCH", `/v1/links/${p.linkId}`, { status: "disabled", satus: "x" }, ["/body/satus"]],
      ["PATCH", `/v1/coupons/${coupon.id}`, { status: "disabled", reason: "x" }, ["/body/reason"]],
      ["PATCH", `/v1/campaigns/${p.campaignId}`, { name: "Renamed", staus: "paused" }, ["/body/staus"]],
      ["PATCH", `/v1/affiliates/${p.affiliateId}`, { name: "Renamed", grup: "vip" }, ["/body/grup"]],
      ["POST", `/v1/campaigns/${p.campaignId}/applications`, { affiliateId: p.affiliateId, note: "hi" }, ["/body/note"]],
      ["POST", "/v1/commissions/decisions", { action: "approve", ids: [newId("commission")], reasons: "ok" }, ["/body/reasons"]],
      ["POST", "/v1/privacy/export", { emailHash: HASH, mail: "a@example.com" }, ["/body/mail"]],
      ["POST", "/v1/privacy/erasure", { emailHash: HASH, confirm: true }, ["/body/confirm"]],
      ["POST", "/v1/privacy/consents", { emailHash: HASH, purpose: "analytics", granted: true, grantd: false }, ["/body/grantd"]],
      ["PUT", "/v1/privacy/retention", { rawEventMonths: 12, ipHashDays: 30, ipDays: 1 }, ["/body/ipDays"]],
      ["POST", "/v1/fx-rates", { currency: "USD", rate: "5.1", date: "2026-01-01" }, ["/body/date"]],
      ["POST", "/v1/webhooks", { url: "https://hooks.example/b", events: ["commission.approved"] }, ["/body/events"]],
      ["PATCH", `/v1/webhooks/${webhook.id}`, { description: "new", uri: "https://elsewhere.example/" }, ["/body/uri"]],
      ["POST", "/v1/integrations", { platform: "woocommerce", name: "Loja Woo", webhookSecret: "s" }, ["/body/webhookSecret"]],
      ["POST", "/v1/payout-batches", { currency: "BRL", provider: "csv", minimum: 100 }, ["/body/minimum"]],
      ["POST", `/v1/payout-batches/${newId("payout")}/reconcile`, { items: [{ id: newId("payoutItem"), status: "paid" }], note: "x" }, ["/body/note"]],
      ["PUT", `/v1/affiliates/${p.affiliateId}/payout-methods`, { kind: "pix", keyType: "email", key: "ana@example.com", holdername: "Ana" }, ["/body/holdername"]],
      ["POST", "/v1/links", { campaignId: p.campaignId, affiliateId: p.affiliateId, sub1: "x", "a/b": 1 }, ["/body/sub1", "/body/a~1b"]],
    ];
    for (const [method, path, body, pointers] of cases) {
      await expectUnknownKeys(await callApi(stack, method, path, { key, body }), pointers, `${method} ${path}`);
    }
  });

  it("leave the resource as it was when known keys came with them (PATCH)", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const before = {
      campaign: await jsonOf(await callApi(stack, "GET", `/v1/campaigns/${p.campaignId}`, { key })),
      affiliate: await jsonOf(await callApi(stack, "GET", `/v1/affiliates/${p.affiliateId}`, { key })),
      link: await jsonOf(await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key })),
      tenant: await jsonOf(await callApi(stack, "GET", "/v1/tenant", { key })),
    };
    await expectUnknownKeys(await callApi(stack, "PATCH", `/v1/campaigns/${p.campaignId}`, { key, body: { name: "Verão", comissionRules: {} } }), ["/body/comissionRules"], "campaign");
    await expectUnknownKeys(await callApi(stack, "PATCH", `/v1/affiliates/${p.affiliateId}`, { key, body: { name: "Bruno", staus: "suspended" } }), ["/body/staus"], "affiliate");
    await expectUnknownKeys(await callApi(stack, "PATCH", `/v1/links/${p.linkId}`, { key, body: { status: "disabled", destinationURL: "https://x.example/" } }), ["/body/destinationURL"], "link");
    await expectUnknownKeys(await callApi(stack, "PATCH", "/v1/tenant", { key, body: { name: "Outra", fallbackURL: "https://x.example/" } }), ["/body/fallbackURL"], "tenant");
    expect(await jsonOf(await callApi(stack, "GET", `/v1/campaigns/${p.campaignId}`, { key }))).toEqual(before.campaign);
    expect(await jsonOf(await callApi(stack, "GET", `/v1/affiliates/${p.affiliateId}`, { key }))).toEqual(before.affiliate);
    expect(await jsonOf(await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key }))).toEqual(before.link);
    expect(await jsonOf(await callApi(stack, "GET", "/v1/tenant", { key }))).toEqual(before.tenant);
  });

  it("inside a bulk list, point at the item and name the key; nothing is created", async () => {
    const p = await seedTestProgram(stack);
    const count = async () => Number((await stack.db.query("SELECT count(*) FROM links WHERE tenant_id = $1", [p.tenantId])).rows[0].count);
    const before = await count();
    const links = [{ campaignId: p.campaignId, affiliateId: p.affiliateId }, { campaignId: p.campaignId, affiliateId: p.affiliateId, subid1: "x" }];
    const problem = await expectFieldErrors(await callApi(stack, "POST", "/v1/links/bulk", { key: p.apiKey, body: { links } }), ["/body/links/1"]);
    expect(problem.errors?.find((e) => e.pointer === "/body/links/1")?.detail).toMatch(/^unknown field "subid1"/);
    expect(await count()).toBe(before);
  });
});

describe("bodies with only known keys", () => {
  it("work as before, free-form sub-ids included", async () => {
    const p = await seedTestProgram(stack);
    const key = await tokenFor(stack, p.tenantId, "owner");
    const ok = async (method: string, path: string, body: unknown, status = 200) => {
      const res = await callApi(stack, method, path, { key, body });
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(status);
      return jsonOf(res);
    };
    expect((await ok("PATCH", `/v1/campaigns/${p.campaignId}`, { name: "Verão" })).name).toBe("Verão");
    expect((await ok("PATCH", `/v1/affiliates/${p.affiliateId}`, { affiliateGroup: null })).affiliateGroup).toBeNull();
    expect((await ok("PATCH", "/v1/tenant", { name: "Loja Nova" })).name).toBe("Loja Nova");
    expect(await ok("PUT", "/v1/privacy/retention", { rawEventMonths: 12, ipHashDays: 30 })).toEqual({ rawEventMonths: 12, ipHashDays: 30 });
    expect((await ok("POST", "/v1/fx-rates", { currency: "USD", rate: "5.1" }, 201)).currency).toBe("USD");
    expect((await ok("PATCH", `/v1/links/${p.linkId}`, { subIds: { sub1: "instagram" } })).subIds).toEqual({ sub1: "instagram" });
    const bulk = await ok("POST", "/v1/links/bulk", { links: [{ campaignId: p.campaignId, affiliateId: p.affiliateId, subIds: { sub2: "bio" } }] }, 201);
    expect(bulk.items[0].subIds).toEqual({ sub2: "bio" });
    expect((await ok("PUT", `/v1/affiliates/${p.affiliateId}/payout-methods`, { kind: "pix", keyType: "email", key: "ana@example.com", holderName: "Ana" })).kind).toBe("pix");
    expect((await ok("POST", "/v1/signing-secrets", {}, 201)).scopes).toEqual(["conversions:write"]);
  });
});
