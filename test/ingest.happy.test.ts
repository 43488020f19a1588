import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { signPayload } from "../core/request-signature";
import { conversionOf, eventId, orderId, postEvents, serverPost } from "./helpers/tracking";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe("ingest", () => {
  it("serves the loader and the immutable script", async () => {
    const loader = await stack.fetch("indica-ingest", "https://loja.indica.test/_indica/s.js");
    expect(loader.headers.get("cache-control")).toBe("public, max-age=300");
    const src = /s\.([0-9a-f]+)\.js/.exec(await loader.text())!;
    const script = await stack.fetch("indica-ingest", `https://loja.indica.test/_indica/${src[0]}`);
    expect(script.status).toBe(200);
    expect(script.headers.get("cache-control")).toContain("immutable");
    const old = await stack.fetch("indica-ingest", "https://loja.indica.test/_indica/s.0000000000.js");
    expect(old.status).toBe(302);
  });

  it("stores the click id in a server-set first-party cookie", async () => {
    const p = await seedTestProgram(stack);
    const clickId = newId("click");
    const res = await stack.fetch("indica-ingest", "https://loja.indica.test/_indica/click", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ site: p.tenantId, clickId }),
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(new RegExp(`^indica_click=${clickId}; Max-Age=2592000; Path=/; HttpOnly; Secure; SameSite=Lax$`));
  });

  it("accepts browser events and a conversion, attributing it through the click cookie", async () => {
    const p = await seedTestProgram(stack);
    const click = await stack.fetch("indica-redirect", `https://go.indica.test/${p.code}`, { headers: { "user-agent": "Mozilla/5.0 Chrome/131" } });
    const clickId = new URL(click.headers.get("location")!).searchParams.get("indica_cid")!;
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 20_000, "click");
    const order = orderId();
    const res = await postEvents(
      stack,
      {
        site: p.tenantId,
        consent: "granted",
        events: [
          { id: eventId(), type: "pageview", url: `https://loja.indica.test/p?indica_cid=${clickId}&email=a@b.c`, clickId, clickIdSource: "url" },
          { id: eventId(), type: "conversion", url: "https://loja.indica.test/obrigado", conversion: { orderId: order, amount: 25000, currency: "BRL" } },
        ],
      },
      { cookie: `indica_click=${clickId}` },
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2 });
    expect(res.headers.get("set-cookie")).toMatch(/^indica_vid=vis_/);

    const conversion = await waitFor(() => conversionOf(stack, p.tenantId, order), 20_000, "conversion");
    expect({ ...conversion, amount: Number(conversion.amount) }).toMatchObject({ amount: 25000, currency: "BRL", source: "browser", identity_source: "cookie", matched_click_id: clickId, matched_affiliate_id: p.affiliateId });
    const { rows } = await stack.db.query("SELECT type, url, device_type, ip_hash FROM events WHERE tenant_id = $1 ORDER BY type DESC", [p.tenantId]);
    expect(rows.map((r) => r.type)).toEqual(["pageview", "conversion"]);
    expect(rows[0].url).toBe(`https://loja.indica.test/p?indica_cid=${clickId}`);
    expect(rows[0].ip_hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it("accepts server-to-server conversions, batches and refunds, idempotently", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    const one = { orderId: order, amount: 19990, currency: "BRL", customer: { email: " Maria@Example.com " }, metadata: { note: "entregar para maria@example.com" } };
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, one)).status).toBe(202);
    expect((await serverPost(stack, "/v1/conversions", p.apiKey, one)).status).toBe(202);
    const batch = { conversions: [{ orderId: orderId(), amount: 100, currency: "BRL" }, { orderId: orderId(), amount: 200, currency: "USD" }] };
    expect(await (await serverPost(stack, "/v1/conversions/batch", p.apiKey, batch)).json()).toEqual({ accepted: 2 });
    const refund = { orderId: order, amount: 5000, currency: "BRL", refundId: "r-1" };
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, refund)).status).toBe(202);
    expect((await serverPost(stack, "/v1/refunds", p.apiKey, refund)).status).toBe(202);

    await waitFor(async () => {
      const c = await stack.db.query("SELECT count(*)::int AS n FROM conversions WHERE tenant_id = $1", [p.tenantId]);
      const r = await stack.db.query("SELECT count(*)::int AS n FROM refunds WHERE tenant_id = $1", [p.tenantId]);
      return c.rows[0].n === 3 && r.rows[0].n === 1;
    }, 20_000, "3 conversions and 1 refund");
    const conversion = await conversionOf(stack, p.tenantId, order);
    // The raw email never reaches Postgres; its SHA-256 does.
    expect(conversion.email_hash).toBe(createHash("sha256").update("maria@example.com").digest("hex"));
    expect(JSON.stringify(conversion)).not.toMatch(/maria/i);
    expect(conversion.metadata).toEqual({ note: "entregar para [email redacted]" });
  });

  it("accepts a conversion signed with HMAC instead of an API key, and refuses a tampered one", async () => {
    const p = await seedTestProgram(stack);
    const order = orderId();
    const body = JSON.stringify({ orderId: order, amount: 4990, currency: "BRL" });
    const t = Math.floor(Date.now() / 1000);
    const signed = (sig: string, payload = body) =>
      serverPost(stack, "/v1/conversions", null, payload, { "indica-key-id": p.signing!.keyId, "indica-signature": `t=${t},v1=${sig}` });
    const sig = await signPayload(p.signing!.secret, t, body);
    expect((await signed(sig, body.replace("4990", "9990"))).status).toBe(401);
    expect((await signed(sig)).status).toBe(202);
    expect(await waitFor(() => conversionOf(stack, p.tenantId, order), 20_000, "signed conversion")).toMatchObject({ amount: "4990" });
  });
});
