import { describe, expect, it } from "vitest";
import { affiliateScope, can, PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Principal } from "./access";

const user = (role: (typeof ROLES)[number], affiliateId: string | null = null): Principal => ({ kind: "user", tenantId: "tnt_1", userId: "usr_1", sessionId: "ses_1", role, affiliateId });

describe("access", () => {
  it("owners and admins may do everything; analysts only read", () => {
    for (const p of PERMISSIONS) {
      expect(can(user("owner"), p)).toBe(true);
      expect(can(user("admin"), p)).toBe(true);
      if (p.endsWith(":write")) expect(can(user("analyst"), p), p).toBe(false);
    }
  });

  it("affiliate users never touch the merchant's team, keys, webhooks or money settings", () => {
    for (const p of ["users:read", "users:write", "api_keys:read", "api_keys:write", "webhooks:read", "tenant:write", "commissions:write", "fraud:read", "affiliates:write"] as const) {
      expect(can(user("affiliate", "aff_1"), p), p).toBe(false);
    }
    expect(affiliateScope(user("affiliate", "aff_1"))).toBe("aff_1");
    // An affiliate user that lost its affiliate sees nothing rather than everything.
    expect(affiliateScope(user("affiliate", null))).toBe("none");
    expect(affiliateScope(user("admin"))).toBeNull();
  });

  it("an API key without scopes is a full key; with scopes it may do exactly those", () => {
    const full: Principal = { kind: "api_key", tenantId: "t", keyId: "k", scopes: [] };
    const narrow: Principal = { kind: "api_key", tenantId: "t", keyId: "k", scopes: ["links:read"] };
    expect(PERMISSIONS.every((p) => can(full, p))).toBe(true);
    expect(PERMISSIONS.filter((p) => can(narrow, p))).toEqual(["links:read"]);
  });

  it("every role's permissions are real permissions", () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });
});
