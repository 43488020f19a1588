import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashIdentity, normalizeEmail, sha256Hex } from "./hash";

const nodeSha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("identity hashing", () => {
  it("matches SHA-256 as the server computes it", async () => {
    expect(await sha256Hex("maria@example.com")).toBe(nodeSha256("maria@example.com"));
    expect(await sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("trims and lower-cases emails before hashing", async () => {
    expect(normalizeEmail("  Maria@Example.COM \n")).toBe("maria@example.com");
    expect(await hashIdentity({ email: "  Maria@Example.COM " })).toEqual({ emailHash: nodeSha256("maria@example.com") });
  });

  it("trims customer ids but keeps their case", async () => {
    expect(await hashIdentity({ customerId: " Cus-42 " })).toEqual({ customerIdHash: nodeSha256("Cus-42") });
    expect(await hashIdentity({ customerId: 42 })).toEqual({ customerIdHash: nodeSha256("42") });
  });

  it("hashes both when both are given, and nothing from empty or non-address input", async () => {
    const both = await hashIdentity({ email: "a@b.co", customerId: "7" });
    expect(both).toEqual({ emailHash: nodeSha256("a@b.co"), customerIdHash: nodeSha256("7") });
    expect(await hashIdentity({})).toBeNull();
    expect(await hashIdentity({ email: "   " })).toBeNull();
    expect(await hashIdentity({ email: "{{customer.email}}" })).toBeNull();
  });
});
