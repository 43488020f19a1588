/** Signing in, using the access token, refreshing with rotation, signing out, and accepting an invite. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../core/auth/session-token";
import { callApi, expectProblem, jsonOf } from "./helpers/api";
import { createUser, signIn, TEST_PASSWORD } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("sessions", () => {
  it("signs in, calls the API with the access token, and sees its own identity", async () => {
    const p = await seedTestProgram(stack);
    const owner = await createUser(stack, p.tenantId, "owner");
    const session = await signIn(stack, owner);
    expect(session.accessToken.split(".")).toHaveLength(3);
    const me = await jsonOf(await callApi(stack, "GET", "/v1/me", { key: session.accessToken }));
    expect(me).toMatchObject({ kind: "user", tenantId: p.tenantId, user: { id: owner.id, role: "owner" } });
    expect(me.permissions).toContain("api_keys:write");
    const link = await callApi(stack, "GET", `/v1/links/${p.linkId}`, { key: session.accessToken });
    expect(link.status).toBe(200);
    expect(link.headers.get("ratelimit-limit")).toBe("600");
    expect(Number(link.headers.get("ratelimit-remaining"))).toBeLessThan(600);
  });

  it("is case-insensitive about the email, and wrong passwords get one vague answer", async () => {
    const p = await seedTestProgram(stack);
    const owner = await createUser(stack, p.tenantId, "owner");
    const ok = await callApi(stack, "POST", "/v1/auth/login", { body: { email: owner.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(ok.status).toBe(200);
    const wrong = await expectProblem(await callApi(stack, "POST", "/v1/auth/login", { body: { email: owner.email, password: "not the password" } }), 401, "unauthorized");
    const unknown = await expectProblem(await callApi(stack, "POST", "/v1/auth/login", { body: { email: "nobody@example.com", password: "whatever" } }), 401, "unauthorized");
    expect(wrong.detail).toBe(unknown.detail);
  });

  it("rotates refresh tokens, and a reused one ends the session", async () => {
    const p = await seedTestProgram(stack);
    const session = await signIn(stack, await createUser(stack, p.tenantId, "admin"));
    const first = await jsonOf(await callApi(stack, "POST", "/v1/auth/refresh", { body: { refreshToken: session.refreshToken } }));
    expect(first.refreshToken).not.toBe(session.refreshToken);
    expect(first.tenant).toMatchObject({ id: p.tenantId, slug: expect.any(String), name: expect.any(String) });
    expect((await callApi(stack, "GET", "/v1/me", { key: first.accessToken })).status).toBe(200);
    const second = await jsonOf(await callApi(stack, "POST", "/v1/auth/refresh", { body: { refreshToken: first.refreshToken } }));
    // The first token, two rotations old, comes back: a stolen copy. The whole session ends.
    await expectProblem(await callApi(stack, "POST", "/v1/auth/refresh", { body: { refreshToken: session.refreshToken } }), 401, "unauthorized");
    await expectProblem(await callApi(stack, "POST", "/v1/auth/refresh", { body: { refreshToken: second.refreshToken } }), 401, "unauthorized");
    await expectProblem(await callApi(stack, "GET", "/v1/me", { key: second.accessToken }), 401, "unauthorized");
  });

  it("signing out revokes the access token at once", async () => {
    const p = await seedTestProgram(stack);
    const session = await signIn(stack, await createUser(stack, p.tenantId, "analyst"));
    expect((await callApi(stack, "POST", "/v1/auth/logout", { key: session.accessToken })).status).toBe(204);
    await expectProblem(await callApi(stack, "GET", "/v1/me", { key: session.accessToken }), 401, "unauthorized");
    await expectProblem(await callApi(stack, "POST", "/v1/auth/refresh", { body: { refreshToken: session.refreshToken } }), 401, "unauthorized");
  });

  it("a disabled user is locked out on the next request", async () => {
    const p = await seedTestProgram(stack);
    const user = await createUser(stack, p.tenantId, "admin");
    const session = await signIn(stack, user);
    await stack.db.query("UPDATE users SET status = 'disabled' WHERE id = $1", [user.id]);
    await expectProblem(await callApi(stack, "GET", "/v1/me", { key: session.accessToken }), 401, "unauthorized");
    await expectProblem(await callApi(stack, "POST", "/v1/auth/login", { body: { email: user.email, password: TEST_PASSWORD } }), 401, "unauthorized");
  });

  it("asks which merchant when the same credentials fit two, listing only the merchants the password opens", async () => {
    const a = await seedTestProgram(stack);
    const b = await seedTestProgram(stack);
    const c = await seedTestProgram(stack);
    const email = `both-${Date.now()}@example.com`;
    await createUser(stack, a.tenantId, "owner", { email });
    await createUser(stack, b.tenantId, "affiliate", { email, affiliateId: b.affiliateId });
    await createUser(stack, c.tenantId, "owner", { email, password: "another password entirely" });
    const merchant = async (id: string) => (await stack.db.query("SELECT slug, name FROM tenants WHERE id = $1", [id])).rows[0] as { slug: string; name: string };
    const [ta, tb, tc] = [await merchant(a.tenantId), await merchant(b.tenantId), await merchant(c.tenantId)];
    const problem = await expectProblem(await callApi(stack, "POST", "/v1/auth/login", { body: { email, password: TEST_PASSWORD } }), 400, "validation_failed");
    expect(problem.errors?.[0].pointer).toBe("/body/tenant");
    // The caller proved the password for a and b; c (another password) is not named, in any member.
    expect(problem.tenants).toEqual([ta, tb].sort((x, y) => x.slug.localeCompare(y.slug)));
    expect(problem.detail).toContain(ta.slug);
    expect(JSON.stringify(problem)).not.toContain(tc.slug);
    const chosen = await jsonOf(await callApi(stack, "POST", "/v1/auth/login", { body: { email, password: TEST_PASSWORD, tenant: tb.slug } }));
    expect(chosen.user).toMatchObject({ tenantId: b.tenantId, role: "affiliate", affiliateId: b.affiliateId });
    expect(chosen.tenant).toEqual({ id: b.tenantId, ...tb });
    // No password match anywhere: the one vague answer, naming nothing.
    const wrong = await expectProblem(await callApi(stack, "POST", "/v1/auth/login", { body: { email, password: "not the password" } }), 401, "unauthorized");
    const unknown = await expectProblem(await callApi(stack, "POST", "/v1/auth/login", { body: { email: "nobody@example.com", password: "not the password" } }), 401, "unauthorized");
    expect(wrong).toMatchObject({ detail: unknown.detail });
    expect(wrong.tenants).toBeUndefined();
  });

  it("accepts an invite once, with a password of its own", async () => {
    const p = await seedTestProgram(stack);
    const user = await createUser(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId });
    const token = "inv-token-" + user.id;
    await stack.db.query("UPDATE users SET password_hash = NULL, invite_hash = $2, invite_expires_at = now() + interval '1 day' WHERE id = $1", [user.id, await hashToken(token)]);
    const weak = await callApi(stack, "POST", "/v1/auth/accept-invite", { body: { token, password: "short" } });
    await expectProblem(weak, 400, "validation_failed");
    const accepted = await jsonOf(await callApi(stack, "POST", "/v1/auth/accept-invite", { body: { token, password: "a brand new passphrase", name: "Maria" } }));
    expect(accepted.user).toMatchObject({ id: user.id, role: "affiliate", affiliateId: p.affiliateId, name: "Maria" });
    expect(accepted.tenant).toMatchObject({ id: p.tenantId, slug: expect.any(String) });
    await expectProblem(await callApi(stack, "POST", "/v1/auth/accept-invite", { body: { token, password: "another passphrase" } }), 422, "unprocessable");
    expect((await callApi(stack, "POST", "/v1/auth/login", { body: { email: user.email, password: "a brand new passphrase" } })).status).toBe(200);
  });
});

describe("sign-in limits", () => {
  it("locks an email after 10 attempts in 15 minutes, with Retry-After", async () => {
    const p = await seedTestProgram(stack);
    const user = await createUser(stack, p.tenantId, "owner");
    for (let i = 0; i < 10; i++) {
      await expectProblem(await callApi(stack, "POST", "/v1/auth/login", { body: { email: user.email, password: `guess number ${i}` } }), 401, "unauthorized");
    }
    const limited = await callApi(stack, "POST", "/v1/auth/login", { body: { email: user.email, password: TEST_PASSWORD } });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectProblem(limited, 429, "rate_limited");
  });

  it("sign-ups of the email draw on the same attempts: a repeated sign-up's 409 would otherwise confirm guessed passwords", async () => {
    const p = await seedTestProgram(stack);
    const user = await createUser(stack, p.tenantId, "owner");
    for (let i = 0; i < 10; i++) {
      await expectProblem(await callApi(stack, "POST", "/v1/auth/login", { body: { email: user.email, password: `guess number ${i}` } }), 401, "unauthorized");
    }
    const signup = await callApi(stack, "POST", "/v1/auth/signup", { body: { merchantName: "Loja", email: user.email, password: TEST_PASSWORD }, headers: { "cf-connecting-ip": "198.51.100.77" } });
    expect(Number(signup.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectProblem(signup, 429, "rate_limited");
  });
});

describe("housekeeping", () => {
  it("the ten-minute job forgets old idempotency keys and long-ended sessions, and keeps current ones", async () => {
    const p = await seedTestProgram(stack);
    const user = await createUser(stack, p.tenantId, "owner");
    const live = await signIn(stack, user);
    const old = await signIn(stack, user);
    await callApi(stack, "POST", "/v1/auth/logout", { key: old.accessToken });
    const oldSession = (await stack.db.query("SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NOT NULL", [user.id])).rows[0].id;
    await stack.db.query("UPDATE sessions SET revoked_at = now() - interval '8 days' WHERE id = $1", [oldSession]);
    await stack.db.query(
      `INSERT INTO idempotency_keys (tenant_id, actor, key, request_hash, created_at) VALUES ($1, 'a', 'old', 'h', now() - interval '25 hours'), ($1, 'a', 'new', 'h', now())`,
      [p.tenantId],
    );
    const ingest = (await stack.mf.getWorker("indica-ingest")) as unknown as { scheduled(o: { cron: string }): Promise<{ outcome: string }> };
    expect((await ingest.scheduled({ cron: "*/10 * * * *" })).outcome).toBe("ok");
    const keys = await stack.db.query("SELECT key FROM idempotency_keys WHERE tenant_id = $1", [p.tenantId]);
    expect(keys.rows).toEqual([{ key: "new" }]);
    const sessions = await stack.db.query("SELECT id FROM sessions WHERE user_id = $1", [user.id]);
    expect(sessions.rows).toHaveLength(1);
    expect((await callApi(stack, "GET", "/v1/me", { key: live.accessToken })).status).toBe(200);
  });
});
