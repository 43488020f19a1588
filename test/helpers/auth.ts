/**
 * People for the API tests: users of each role created straight in Postgres (with a real password
 * hash), signed in through the real `POST /v1/auth/login`.
 */
import { expect } from "vitest";
import type { Role } from "../../core/auth/access";
import { hashPassword } from "../../core/auth/password";
import { newId } from "../../core/ids";
import { callApi, jsonOf } from "./api";
import type { TestStack } from "./stack";

export const TEST_PASSWORD = "correct horse battery staple";

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  tenantId: string;
  affiliateId: string | null;
}

/** One hash for all test users: PBKDF2 at full strength is slow by design. */
let sharedHash: Promise<string> | null = null;

export async function createUser(stack: TestStack, tenantId: string, role: Role, o: { affiliateId?: string; email?: string; password?: string } = {}): Promise<TestUser> {
  const id = newId("user");
  const email = o.email ?? `${role}-${id.slice(-8).toLowerCase()}@example.com`;
  const hash = o.password ? await hashPassword(o.password) : await (sharedHash ??= hashPassword(TEST_PASSWORD));
  await stack.db.query("INSERT INTO users (id, tenant_id, email, name, role, password_hash, affiliate_id) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
    id, tenantId, email, `Test ${role}`, role, hash, o.affiliateId ?? null,
  ]);
  return { id, email, role, tenantId, affiliateId: o.affiliateId ?? null };
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: TestUser;
}

export async function signIn(stack: TestStack, user: TestUser, password = TEST_PASSWORD): Promise<SignedIn> {
  const res = await callApi(stack, "POST", "/v1/auth/login", { body: { email: user.email, password }, headers: { "cf-connecting-ip": "198.51.100.9" } });
  const body = await jsonOf(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  return { accessToken: body.accessToken, refreshToken: body.refreshToken, user };
}

/** A signed-in user of the given role in the tenant: the access token to send as Bearer. */
export async function tokenFor(stack: TestStack, tenantId: string, role: Role, o: { affiliateId?: string } = {}): Promise<string> {
  return (await signIn(stack, await createUser(stack, tenantId, role, o))).accessToken;
}
