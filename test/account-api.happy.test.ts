/** Signing up, the account's settings, the team and API keys, as an owner runs them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors, expectProblem, jsonOf } from "./helpers/api";
import { createUser, signIn, tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("signup", () => {
  it("creates a merchant and its owner, signed in", async () => {
    const email = `ana-${Date.now()}@loja.example`;
    const res = await callApi(stack, "POST", "/v1/auth/signup", { body: { merchantName: "Loja da Ána", email, password: "uma senha bem longa", timezone: "America/Recife" } });
    const body = await jsonOf(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.user).toMatchObject({ email, role: "owner" });
    const tenant = await jsonOf(await callApi(stack, "GET", "/v1/tenant", { key: body.accessToken }));
    expect(tenant).toMatchObject({ id: body.user.tenantId, name: "Loja da Ána", timezone: "America/Recife", defaultCurrency: "BRL" });
    expect(tenant.slug).toMatch(/^loja-da-ana-[0-9a-z]{5}$/);
    // The random slug is in the answer: sign-in asks for it once the email has accounts at several merchants.
    expect(body.tenant).toEqual({ id: body.user.tenantId, slug: tenant.slug, name: "Loja da Ána" });
  });

  it("refuses a repeated sign-up (same email and password) with a 409 naming the merchant; another password makes another merchant", async () => {
    const email = `repete-${Date.now()}@loja.example`;
    const first = { merchantName: "Minha Loja", email, password: "uma senha bem longa" };
    const made = await jsonOf(await callApi(stack, "POST", "/v1/auth/signup", { body: first }));
    expect(made.tenant).toMatchObject({ name: "Minha Loja", slug: expect.stringMatching(/^minha-loja-[0-9a-z]{5}$/) });
    // The command run again, with the email in other capitals, and with a slug of its own: the same owner.
    for (const again of [first, { ...first, email: email.toUpperCase() }, { ...first, slug: `minha-loja-${Date.now()}` }]) {
      const refused = await expectProblem(await callApi(stack, "POST", "/v1/auth/signup", { body: again }), 409, "conflict");
      expect(refused.tenants).toEqual([{ slug: made.tenant.slug, name: "Minha Loja" }]);
      expect(refused.detail).toContain(made.tenant.slug);
      expect(refused.detail).toMatch(/sign in/);
    }
    const owned = await stack.db.query("SELECT t.slug FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE lower(u.email) = lower($1)", [email]);
    expect(owned.rows).toEqual([{ slug: made.tenant.slug }]);

    // An agency's second shop: same email, another password. Its slug is in the answer.
    const second = await callApi(stack, "POST", "/v1/auth/signup", { body: { ...first, merchantName: "Outra Loja", password: "outra senha bem longa" } });
    const other = await jsonOf(second);
    expect(second.status, JSON.stringify(other)).toBe(201);
    expect(other.tenant).toMatchObject({ name: "Outra Loja", slug: expect.stringMatching(/^outra-loja-[0-9a-z]{5}$/) });
    expect(other.tenant.id).not.toBe(made.tenant.id);
    // Each password opens its own merchant, without naming a tenant.
    const signedIn = await jsonOf(await callApi(stack, "POST", "/v1/auth/login", { body: { email, password: "outra senha bem longa" } }));
    expect(signedIn.tenant).toEqual(other.tenant);
  });

  it("does not count accounts other than owners as a repeat", async () => {
    const p = await seedTestProgram(stack);
    const email = `afiliada-${Date.now()}@example.com`;
    await createUser(stack, p.tenantId, "affiliate", { email, affiliateId: p.affiliateId, password: "uma senha bem longa" });
    const res = await callApi(stack, "POST", "/v1/auth/signup", { body: { merchantName: "Loja Própria", email, password: "uma senha bem longa" } });
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it("refuses a weak password and a taken slug with field errors", async () => {
    await expectFieldErrors(await callApi(stack, "POST", "/v1/auth/signup", { body: { merchantName: "X", email: "x@example.com", password: "short" } }), ["/body/password"]);
    const slug = `s-${Date.now()}`;
    const first = { merchantName: "A", email: `a-${slug}@example.com`, password: "long enough password", slug };
    expect((await callApi(stack, "POST", "/v1/auth/signup", { body: first })).status).toBe(201);
    const again = await expectProblem(await callApi(stack, "POST", "/v1/auth/signup", { body: { ...first, email: `b-${slug}@example.com` } }), 409, "conflict");
    expect(again.errors?.[0].pointer).toBe("/body/slug");
  });
});

describe("account settings", () => {
  it("changes settings, validating each field", async () => {
    const p = await seedTestProgram(stack);
    const token = await tokenFor(stack, p.tenantId, "admin");
    const patch = { cookieDomain: "loja.com.br", clickParam: "ref_id", consentMode: "required", allowedOrigins: ["https://www.loja.com.br"], clickCookieDays: 60 };
    const updated = await jsonOf(await callApi(stack, "PATCH", "/v1/tenant", { key: token, body: patch }));
    expect(updated).toMatchObject(patch);
    const bad = { timezone: "Mars/Olympus", allowedOrigins: ["https://loja.com.br/path"], clickCookieDays: 1000, cookieDomain: "not a host" };
    await expectFieldErrors(await callApi(stack, "PATCH", "/v1/tenant", { key: token, body: bad }), ["/body/timezone", "/body/allowedOrigins/0", "/body/clickCookieDays", "/body/cookieDomain"]);
    await expectFieldErrors(await callApi(stack, "PATCH", "/v1/tenant", { key: token, body: {} }), ["/body"]);
    // The cookie domain as a person may type it: kept in the form a Set-Cookie Domain= takes.
    const typed = await jsonOf(await callApi(stack, "PATCH", "/v1/tenant", { key: token, body: { cookieDomain: ".Loja.COM.br." } }));
    expect(typed.cookieDomain).toBe("loja.com.br");
    expect((await jsonOf(await callApi(stack, "PATCH", "/v1/tenant", { key: token, body: { cookieDomain: null } }))).cookieDomain).toBeNull();
  });
});

describe("team", () => {
  it("invites a user who accepts and signs in; disabling signs them out", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    const email = `analista-${Date.now()}@example.com`;
    const invited = await jsonOf(await callApi(stack, "POST", "/v1/users", { key: owner, body: { email, role: "analyst", name: "Bia" } }));
    expect(invited.user).toMatchObject({ email, role: "analyst", invitePending: true });
    const session = await jsonOf(await callApi(stack, "POST", "/v1/auth/accept-invite", { body: { token: invited.inviteToken, password: "senha da bia 123" } }));
    expect(session.user.role).toBe("analyst");
    await expectProblem(await callApi(stack, "POST", "/v1/users", { key: owner, body: { email, role: "admin" } }), 409, "conflict");

    const disabled = await jsonOf(await callApi(stack, "PATCH", `/v1/users/${invited.user.id}`, { key: owner, body: { status: "disabled" } }));
    expect(disabled.status).toBe("disabled");
    await expectProblem(await callApi(stack, "GET", "/v1/me", { key: session.accessToken }), 401, "unauthorized");
  });

  it("protects owners: admins cannot make or change one, the last owner stays", async () => {
    const p = await seedTestProgram(stack);
    const owner = await createUser(stack, p.tenantId, "owner");
    const ownerToken = (await signIn(stack, owner)).accessToken;
    const admin = await tokenFor(stack, p.tenantId, "admin");
    await expectProblem(await callApi(stack, "POST", "/v1/users", { key: admin, body: { email: `o-${Date.now()}@example.com`, role: "owner" } }), 403, "forbidden");
    await expectProblem(await callApi(stack, "PATCH", `/v1/users/${owner.id}`, { key: admin, body: { role: "analyst" } }), 403, "forbidden");
    await expectProblem(await callApi(stack, "PATCH", `/v1/users/${owner.id}`, { key: ownerToken, body: { role: "admin" } }), 409, "conflict");
  });

  it("inviting the same email many times at once makes one user; the others are conflicts, never 500s", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    const email = `race-${Date.now()}@example.com`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => callApi(stack, "POST", "/v1/users", { key: owner, body: { email, role: "analyst" } })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
  });

  it("an affiliate user needs its affiliate, of this account", async () => {
    const p = await seedTestProgram(stack);
    const other = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    await expectProblem(await callApi(stack, "POST", "/v1/users", { key: owner, body: { email: `a-${Date.now()}@example.com`, role: "affiliate" } }), 400, "validation_failed");
    await expectProblem(await callApi(stack, "POST", "/v1/users", { key: owner, body: { email: `b-${Date.now()}@example.com`, role: "affiliate", affiliateId: other.affiliateId } }), 422, "unprocessable");
    const ok = await callApi(stack, "POST", "/v1/users", { key: owner, body: { email: `c-${Date.now()}@example.com`, role: "affiliate", affiliateId: p.affiliateId } });
    expect(ok.status).toBe(201);
  });
});

describe("API keys", () => {
  it("shows a key once, lists it by prefix, rotates and revokes it", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    const created = await jsonOf(await callApi(stack, "POST", "/v1/api-keys", { key: owner, body: { name: "Loja server", scopes: ["conversions:write", "links:read"] } }));
    expect(created.key).toMatch(/^ik_/);
    expect(created.apiKey).toMatchObject({ name: "Loja server", prefix: created.key.slice(0, 10), scopes: ["conversions:write", "links:read"] });
    const listed = await jsonOf(await callApi(stack, "GET", "/v1/api-keys", { key: owner }));
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect((await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: created.key })).status).toBe(200);
    await expectProblem(await callApi(stack, "GET", "/v1/api-keys", { key: created.key }), 403, "forbidden");

    const rotated = await jsonOf(await callApi(stack, "POST", `/v1/api-keys/${created.apiKey.id}/rotate`, { key: owner, body: {} }));
    expect(rotated.key).not.toBe(created.key);
    await expectProblem(await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: created.key }), 401, "unauthorized");
    expect((await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: rotated.key })).status).toBe(200);

    const revoked = await jsonOf(await callApi(stack, "DELETE", `/v1/api-keys/${rotated.apiKey.id}`, { key: owner }));
    expect(revoked.revokedAt).not.toBeNull();
    await expectProblem(await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: rotated.key }), 401, "unauthorized");
  });

  it("a rotation with a grace period keeps the old key working for a while", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    const created = await jsonOf(await callApi(stack, "POST", "/v1/api-keys", { key: owner, body: { name: "deploy" } }));
    const rotated = await jsonOf(await callApi(stack, "POST", `/v1/api-keys/${created.apiKey.id}/rotate`, { key: owner, body: { graceSeconds: 3600 } }));
    expect((await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: created.key })).status).toBe(200);
    expect((await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: rotated.key })).status).toBe(200);
  });

  it("a scoped key cannot mint a broader one", async () => {
    const p = await seedTestProgram(stack);
    const owner = await tokenFor(stack, p.tenantId, "owner");
    const keyMaker = await jsonOf(await callApi(stack, "POST", "/v1/api-keys", { key: owner, body: { name: "key maker", scopes: ["api_keys:write", "links:read"] } }));
    await expectProblem(await callApi(stack, "POST", "/v1/api-keys", { key: keyMaker.key, body: { name: "all" } }), 403, "forbidden");
    await expectProblem(await callApi(stack, "POST", "/v1/api-keys", { key: keyMaker.key, body: { name: "more", scopes: ["links:write"] } }), 403, "forbidden");
    expect((await callApi(stack, "POST", "/v1/api-keys", { key: keyMaker.key, body: { name: "same", scopes: ["links:read"] } })).status).toBe(201);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first answer to a retried POST and does the work once", async () => {
    const p = await seedTestProgram(stack);
    const body = { campaignId: p.campaignId, affiliateId: p.affiliateId };
    const headers = { "idempotency-key": `link-${Date.now()}` };
    const first = await callApi(stack, "POST", "/v1/links", { key: p.apiKey, body, headers });
    const second = await callApi(stack, "POST", "/v1/links", { key: p.apiKey, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect((await jsonOf(second)).id).toBe((await jsonOf(first)).id);
    const { rows } = await stack.db.query("SELECT count(*)::int AS n FROM links WHERE tenant_id = $1", [p.tenantId]);
    expect(rows[0].n).toBe(2); // the seeded link and one new one
    const different = await callApi(stack, "POST", "/v1/links", { key: p.apiKey, body: { ...body, code: `x-${Date.now()}` }, headers });
    await expectProblem(different, 422, "unprocessable");
  });

  it("replays a secret shown once without keeping it readable in the database", async () => {
    const p = await seedTestProgram(stack);
    const headers = { "idempotency-key": `key-${Date.now()}` };
    const first = await jsonOf(await callApi(stack, "POST", "/v1/api-keys", { key: p.apiKey, body: { name: "retried" }, headers }));
    const again = await jsonOf(await callApi(stack, "POST", "/v1/api-keys", { key: p.apiKey, body: { name: "retried" }, headers }));
    expect(again.key).toBe(first.key);
    const { rows } = await stack.db.query("SELECT response_body FROM idempotency_keys WHERE tenant_id = $1", [p.tenantId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].response_body).not.toContain(first.key);
  });
});
