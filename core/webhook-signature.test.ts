import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, verifyWebhookSignature, webhookSignatureHeader } from "./webhook-signature";

const now = 1_800_000_000;

describe("webhook signatures", () => {
  it("is a plain HMAC-SHA256 of `<t>.<body>` in hex, as any receiver can compute it", async () => {
    const body = '{"id":"ping:1","type":"ping"}';
    const expected = createHmac("sha256", "whsec_x").update(`${now}.${body}`).digest("hex");
    expect(await webhookSignatureHeader("whsec_x", body, now)).toBe(`t=${now},v1=${expected}`);
  });

  it("verifies what it signed, for any body, secret and clock skew inside the tolerance", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme" }), fc.string({ minLength: 1 }), fc.integer({ min: -300, max: 300 }), async (body, secret, skew) => {
        const header = await webhookSignatureHeader(secret, body, now);
        expect(await verifyWebhookSignature(body, header, secret, 300, now + skew)).toBe("ok");
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a changed body, another secret, or a stale timestamp", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), async (body, other, secret, otherSecret) => {
        fc.pre(body !== other && secret !== otherSecret);
        const header = await webhookSignatureHeader(secret, body, now);
        expect(await verifyWebhookSignature(other, header, secret, 300, now)).toBe("mismatch");
        expect(await verifyWebhookSignature(body, header, otherSecret, 300, now)).toBe("mismatch");
        expect(await verifyWebhookSignature(body, header, secret, 300, now + 301)).toBe("expired");
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a tampered signature or timestamp", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.nat({ max: 63 }), fc.integer({ min: 1, max: 200 }), async (body, at, shift) => {
        const header = await webhookSignatureHeader("whsec_k", body, now);
        const sig = header.split("v1=")[1];
        const flipped = sig.slice(0, at) + (sig[at] === "0" ? "1" : "0") + sig.slice(at + 1);
        expect(await verifyWebhookSignature(body, `t=${now},v1=${flipped}`, "whsec_k", 300, now)).toBe("mismatch");
        expect(await verifyWebhookSignature(body, `t=${now - shift},v1=${sig}`, "whsec_k", 300, now)).toBe("mismatch");
      }),
      { numRuns: 200 },
    );
  });

  it("calls a missing or garbled header malformed", async () => {
    for (const header of [null, undefined, "", "v1=abc", "t=now,v1=" + "a".repeat(64), "t=1"]) {
      expect(await verifyWebhookSignature("{}", header, "whsec_k", 300, now)).toBe("malformed");
    }
  });

  it("makes distinct whsec_ secrets", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
