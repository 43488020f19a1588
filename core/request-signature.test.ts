import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";
import { signPayload, verifySignature } from "./request-signature";

describe("request signatures", () => {
  const body = JSON.stringify({ orderId: "1001", amount: 25000, currency: "BRL" });
  const now = 1_800_000_000;

  it("matches a plain HMAC-SHA256 of `<t>.<body>`, as any language computes it", async () => {
    const expected = createHmac("sha256", "whsec").update(`${now}.${body}`).digest("hex");
    expect(await signPayload("whsec", now, body)).toBe(expected);
  });

  it("accepts a fresh signature and refuses tampering, stale or malformed headers", async () => {
    const sig = await signPayload("whsec", now, body);
    expect(await verifySignature("whsec", `t=${now},v1=${sig}`, body, now + 10)).toBe("ok");
    expect(await verifySignature("whsec", `t=${now},v1=${sig}`, body.replace("25000", "2500"), now)).toBe("mismatch");
    expect(await verifySignature("other", `t=${now},v1=${sig}`, body, now)).toBe("mismatch");
    expect(await verifySignature("whsec", `t=${now},v1=${sig}`, body, now + 301)).toBe("expired");
    expect(await verifySignature("whsec", "v1=abc", body, now)).toBe("malformed");
    expect(await verifySignature("whsec", null, body, now)).toBe("malformed");
  });
});

describe("secret box", () => {
  it("round-trips and refuses the wrong key", async () => {
    const box = await seal("whsec_123", "k1");
    expect(box).not.toContain("whsec");
    expect(await open(box, "k1")).toBe("whsec_123");
    await expect(open(box, "k2")).rejects.toThrow();
  });
});
