/** Bad input to the affiliates operations: field errors, taken emails, and status moves that make no sense. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectFieldErrors, expectProblem } from "./helpers/api";
import { createUser } from "./helpers/auth";
import { bodyOf, newAffiliate, programApi } from "./helpers/programs";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("affiliates", () => {
  it("points at each bad field", async () => {
    const p = await seedTestProgram(stack);
    const api = programApi(stack, p.apiKey);
    await expectFieldErrors(await api.post("/v1/affiliates", { name: "", email: "not-an-email", status: "suspended", invite: "yes" }), ["/body/name", "/body/email", "/body/status", "/body/invite"]);
    await expectFieldErrors(await api.patch(`/v1/affiliates/${p.affiliateId}`, { status: "banned", affiliateGroup: 7 }), ["/body/status", "/body/affiliateGroup"]);
    await expectFieldErrors(await api.get("/v1/affiliates?status=gone"), ["/query/status"]);
  });

  it("refuses an email already taken by an affiliate or, when inviting, by a user, in any case", async () => {
    const p = await seedTestProgram(stack);
    const api = programApi(stack, p.apiKey);
    const first = newAffiliate();
    await bodyOf(await api.post("/v1/affiliates", first), 201);
    const dup = await expectProblem(await api.post("/v1/affiliates", { ...first, email: first.email.toUpperCase() }), 409, "conflict");
    expect(dup.errors?.[0].pointer).toBe("/body/email");
    const staff = await createUser(stack, p.tenantId, "analyst");
    await expectProblem(await api.post("/v1/affiliates", newAffiliate({ email: staff.email, invite: true })), 409, "conflict");
    const { rows } = await stack.db.query("SELECT count(*)::int AS n FROM affiliates WHERE tenant_id = $1 AND lower(email) = lower($2)", [p.tenantId, staff.email]);
    expect(rows[0].n).toBe(0);
  });

  it("an approved affiliate cannot go back to pending; an empty PATCH changes nothing", async () => {
    const p = await seedTestProgram(stack);
    const api = programApi(stack, p.apiKey);
    const problem = await expectProblem(await api.patch(`/v1/affiliates/${p.affiliateId}`, { status: "pending" }), 422, "unprocessable");
    expect(problem.errors?.[0].pointer).toBe("/body/status");
    expect(await bodyOf(await api.patch(`/v1/affiliates/${p.affiliateId}`, {}), 200)).toMatchObject({ id: p.affiliateId, status: "active" });
  });

  it("a merchant adding a member must name the affiliate", async () => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await programApi(stack, p.apiKey).post(`/v1/campaigns/${p.campaignId}/applications`, {}), ["/body/affiliateId"]);
  });
});
