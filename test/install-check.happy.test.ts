/** The install check against a tiny shop on loopback: found, wrong site id, unrouted script, unreachable. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi, expectFieldErrors, jsonOf } from "./helpers/api";
import { freePort } from "./helpers/ports";
import { tokenFor } from "./helpers/auth";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let shop: Server;
let shopUrl = "";
/** The site id the shop's snippet carries; set per test. */
let site = "";

beforeAll(async () => {
  shop = createServer((req, res) => {
    if (req.url === "/_indica/s.js") return res.writeHead(200, { "content-type": "application/javascript" }).end("/* loader */");
    if (req.url === "/no-route/") return res.writeHead(200, { "content-type": "text/html" }).end("<p>no snippet</p>");
    res.writeHead(200, { "content-type": "text/html" }).end(`<html><head><script async src="/_indica/s.js" data-site="${site}"></script></head></html>`);
  });
  await new Promise<void>((r) => shop.listen(0, "127.0.0.1", r));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  stack = await startTestStack({ bindings: { "indica-api": { WEBHOOK_ALLOW_LOOPBACK_HTTP: "true" } } });
});
afterAll(async () => {
  await stack?.close();
  await new Promise((r) => shop?.close(r));
});

describe("install check", () => {
  it("finds the snippet with the account's site id and a reachable script", async () => {
    const p = await seedTestProgram(stack);
    const analyst = await tokenFor(stack, p.tenantId, "analyst");
    site = p.tenantId;
    const ok = await jsonOf(await callApi(stack, "POST", "/v1/tenant/install-check", { key: analyst, body: { url: `${shopUrl}/produto` } }));
    expect(ok).toEqual({ found: true, siteIdMatches: true, scriptReachable: true, details: [] });
    site = "tnt_someone_else";
    const wrong = await jsonOf(await callApi(stack, "POST", "/v1/tenant/install-check", { key: analyst, body: { url: shopUrl } }));
    expect(wrong).toMatchObject({ found: true, siteIdMatches: false });
    expect(wrong.details.join(" ")).toContain(p.tenantId);
  });

  it("answers an unreachable page with the reason, never a 500; refuses non-URLs and plain http elsewhere", async () => {
    const p = await seedTestProgram(stack);
    const admin = await tokenFor(stack, p.tenantId, "admin");
    const closed = `http://127.0.0.1:${await freePort()}/`;
    const res = await callApi(stack, "POST", "/v1/tenant/install-check", { key: admin, body: { url: closed } });
    expect(res.status).toBe(200);
    const down = await jsonOf(res);
    expect(down).toMatchObject({ found: false, siteIdMatches: false, scriptReachable: false });
    expect(down.details[0]).toContain("could not connect");
    await expectFieldErrors(await callApi(stack, "POST", "/v1/tenant/install-check", { key: admin, body: { url: "http://loja.com.br/" } }), ["/body/url"]);
    await expectFieldErrors(await callApi(stack, "POST", "/v1/tenant/install-check", { key: admin, body: { url: "not a url" } }), ["/body/url"]);
  });
});
