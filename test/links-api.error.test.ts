/**
 * Bad input to the links API: every error is an RFC 9457 problem (application/problem+json with type,
 * title, status, code, requestId, and JSON pointers for field errors), never a 5xx.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { BROWSER_UA, callApi, expectFieldErrors, expectProblem, getLinkById, jsonOf, postLink, setCookies, uniqueLinkDomain, uniqueSuffix } from "./helpers/api";
import { seedTestProgram, startTestStack, TEST_LINK_DOMAIN, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const ids = (p: SeededProgram) => ({ campaignId: p.campaignId, affiliateId: p.affiliateId });

describe("malformed requests", () => {
  it("a body that is not JSON is a 400 problem", async () => {
    const p = await seedTestProgram(stack);
    for (const body of ["{not json", "", "{\"campaignId\": ", "\u0000"]) {
      await expectProblem(await postLink(stack, p.apiKey, body), 400, "bad_request");
    }
  });

  it.each(["null", "[]", "42", '"cmp"', "true"])("JSON %s instead of an object is a 400 validation problem", async (body) => {
    const p = await seedTestProgram(stack);
    const problem = await expectProblem(await postLink(stack, p.apiKey, body), 400, "validation_failed");
    expect(problem.errors!.length).toBeGreaterThan(0);
    expect(problem.errors![0].pointer).toMatch(/^\/body/);
  });

  it("a body in another media type is a 415 problem", async () => {
    const p = await seedTestProgram(stack);
    const res = await postLink(stack, p.apiKey, JSON.stringify(ids(p)), { "content-type": "text/plain" });
    await expectProblem(res, 415, "unsupported_media_type");
  });

  it("no body at all is a validation problem naming the required fields", async () => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await callApi(stack, "POST", "/v1/links", { key: p.apiKey }), ["/body/campaignId", "/body/affiliateId"]);
  });

  it("a body over 256 KB is a 413 problem", async () => {
    const p = await seedTestProgram(stack);
    const body = JSON.stringify({ ...ids(p), destinationUrl: `https://loja.example/?q=${"x".repeat(257 * 1024)}` });
    // The Worker answers from Content-Length without reading the body, and workerd then drops the
    // connection; now and then that reset reaches the client before the 413 does. Only a transport
    // failure is retried, never a wrong answer.
    let res: Response | undefined;
    for (let attempt = 0; attempt < 3 && !res; attempt++) {
      res = await postLink(stack, p.apiKey, body).catch(() => undefined);
    }
    expect(res, "three transport failures in a row").toBeDefined();
    await expectProblem(res!, 413, "payload_too_large");
  });

  it("a streamed body over 256 KB (no Content-Length) is a 413 problem", async () => {
    const p = await seedTestProgram(stack);
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const oversizedStream = () => {
      let sent = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(new TextEncoder().encode(`{"campaignId":"${p.campaignId}","destinationUrl":"https://loja.example/?q=`));
          if (sent++ < 6) controller.enqueue(chunk);
          else {
            controller.enqueue(new TextEncoder().encode('"}'));
            controller.close();
          }
        },
      });
    };
    // The Worker answers 413 as soon as the stream passes the limit, while the client may still be
    // writing; the closed connection then now and then reaches the client as EPIPE before the 413.
    // As above, only a transport failure is retried, never a wrong answer.
    let res: Response | undefined;
    for (let attempt = 0; attempt < 3 && !res; attempt++) {
      res = await stack
        .fetch("indica-api", "https://api.indica.test/v1/links", {
          method: "POST",
          headers: { authorization: `Bearer ${p.apiKey}`, "content-type": "application/json" },
          body: oversizedStream(),
          duplex: "half",
        } as RequestInit)
        .catch(() => undefined);
    }
    expect(res, "three transport failures in a row").toBeDefined();
    await expectProblem(res!, 413, "payload_too_large");
  });

  it("an unknown route is a 404 problem", async () => {
    const p = await seedTestProgram(stack);
    for (const [method, path] of [["GET", "/v1/nope"], ["GET", "/"], ["POST", "/v2/links"]]) {
      const res = await callApi(stack, method, path, { key: p.apiKey });
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      await expectProblem(res, 404, "not_found");
    }
  });

  it("a method a known path does not take is a 405 problem listing the ones it does", async () => {
    const p = await seedTestProgram(stack);
    for (const [method, path, allow] of [["DELETE", "/v1/links", "GET, HEAD, POST"], ["PUT", "/v1/links/lnk_01JB8Z5Q3X0000000000000000", "GET, HEAD, PATCH"]]) {
      const res = await callApi(stack, method, path, { key: p.apiKey });
      expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
      await expectProblem(res, 405, "method_not_allowed");
    }
  });

  it("a link id that is not one is a 400 problem pointing at the path parameter", async () => {
    const p = await seedTestProgram(stack);
    for (const id of ["nope", "cmp_01JB8Z5Q3X0000000000000000", "lnk_", "%00"]) {
      const problem = await expectProblem(await getLinkById(stack, p.apiKey, id), 400, "validation_failed");
      expect(problem.errors!.map((e) => e.pointer)).toContain("/param/id");
    }
  });

  it("an unknown link id is a 404 problem", async () => {
    const p = await seedTestProgram(stack);
    await expectProblem(await getLinkById(stack, p.apiKey, newId("link")), 404, "not_found");
  });
});

describe("field validation", () => {
  it("missing fields are each listed", async () => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await postLink(stack, p.apiKey, {}), ["/body/campaignId", "/body/affiliateId"]);
    await expectFieldErrors(await postLink(stack, p.apiKey, { campaignId: p.campaignId }), ["/body/affiliateId"]);
  });

  it.each([
    ["campaignId as a number", { campaignId: 42 }, "/body/campaignId"],
    ["campaignId of another kind", { campaignId: "aff_01JB8Z5Q3X0000000000000000" }, "/body/campaignId"],
    ["affiliateId as null", { affiliateId: null }, "/body/affiliateId"],
    ["destinationUrl as an object", { destinationUrl: { href: "https://x.example" } }, "/body/destinationUrl"],
    ["code as a number", { code: 1234 }, "/body/code"],
    ["domain as a boolean", { domain: true }, "/body/domain"],
    ["subIds as a string", { subIds: "instagram" }, "/body/subIds"],
    ["subIds as an array", { subIds: ["instagram"] }, "/body/subIds"],
    ["a sub-id value as a number", { subIds: { sub1: 7 } }, "/body/subIds/sub1"],
    ["a sub-id value over 200 characters", { subIds: { sub2: "x".repeat(201) } }, "/body/subIds/sub2"],
  ])("%s is a validation problem", async (_, override, pointer) => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await postLink(stack, p.apiKey, { ...ids(p), ...override }), [pointer]);
  });

  it("an unknown sub-id key is a validation problem under /body/subIds", async () => {
    const p = await seedTestProgram(stack);
    const problem = await expectProblem(await postLink(stack, p.apiKey, { ...ids(p), subIds: { sub6: "x" } }), 400, "validation_failed");
    expect(problem.errors!.some((e) => e.pointer.startsWith("/body/subIds"))).toBe(true);
  });

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["JavaScript: in mixed case", "JaVaScRiPt:alert(document.cookie)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["relative", "/relative/path"],
    ["protocol-relative", "//loja.example/protocol-relative"],
    ["without a scheme", "loja.example/no-scheme"],
    ["ftp:", "ftp://loja.example/file"],
    ["without a host", "https://"],
    ["empty", ""],
    ["over 2048 characters", `https://loja.example/${"x".repeat(2100)}`],
  ])("a destinationUrl %s is rejected", async (_, destinationUrl) => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await postLink(stack, p.apiKey, { ...ids(p), destinationUrl }), ["/body/destinationUrl"]);
  });

  it.each([
    ["too long", "a".repeat(65)],
    ["empty", ""],
    ["with a space", "bad code"],
    ["with a slash", "a/b"],
    ["with a dot", "a.b"],
    ["starting with a dash", "-abc"],
    ["with non-ASCII letters", "promoção"],
    ["reserved (_indica)", "_indica"],
    ["reserved (health)", "health"],
    ["reserved in another case (API)", "API"],
    ["reserved (robots.txt)", "robots.txt"],
  ])("a code %s is rejected", async (_, code) => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await postLink(stack, p.apiKey, { ...ids(p), code }), ["/body/code"]);
  });

  it("a 64-character code is the longest accepted", async () => {
    const p = await seedTestProgram(stack);
    const code = `${uniqueSuffix()}${"a".repeat(54)}`;
    const res = await postLink(stack, p.apiKey, { ...ids(p), code });
    expect(res.status).toBe(201);
    expect((await jsonOf(res)).code).toBe(code);
  });

  it("several bad fields are all reported at once", async () => {
    const p = await seedTestProgram(stack);
    await expectFieldErrors(await postLink(stack, p.apiKey, { campaignId: "x", affiliateId: "y", destinationUrl: "javascript:1", code: "a b" }), [
      "/body/campaignId",
      "/body/affiliateId",
      "/body/destinationUrl",
      "/body/code",
    ]);
  });
});

describe("strings with control characters", () => {
  // Postgres text and jsonb cannot hold U+0000: such input must be a 400, not a failed INSERT.
  it.each([
    ["destinationUrl", { destinationUrl: "https://loja.example/a\u0000b" }, "/body/destinationUrl"],
    ["a sub-id value", { subIds: { sub1: "a\u0000b" } }, "/body/subIds/sub1"],
    ["domain", { domain: "go.loja\u0000.example" }, "/body/domain"],
  ])("a NUL character in %s is a 400 problem", async (_, override, pointer) => {
    const p = await seedTestProgram(stack);
    const res = await postLink(stack, p.apiKey, { ...ids(p), ...override });
    expect(res.status).toBeLessThan(500);
    await expectFieldErrors(res, [pointer]);
  });

  it("a destination with line breaks is refused or normalised, and never breaks the redirect", async () => {
    const p = await seedTestProgram(stack);
    const res = await postLink(stack, p.apiKey, { ...ids(p), destinationUrl: "https://loja.example/a\r\nSet-Cookie: evil=1\tb" });
    expect(res.status).toBeLessThan(500);
    if (res.status !== 201) {
      await expectFieldErrors(res, ["/body/destinationUrl"]);
      return;
    }
    const link = await jsonOf(res);
    expect.soft(link.destinationUrl, "destinationUrl in the 201 body").not.toMatch(/[\r\n\t]/);
    // Tracked (browser GET) and untracked (HEAD, crawler) answers must both reach the store.
    for (const [method, ua] of [["GET", BROWSER_UA], ["HEAD", BROWSER_UA], ["GET", "curl/7.64.1"]]) {
      const hit = await stack.fetch("indica-redirect", link.url, { method, headers: { "user-agent": ua } });
      expect.soft(hit.status, `${method} ${ua}`).toBe(302);
      expect.soft(hit.headers.get("location") ?? "", `${method} ${ua}`).not.toMatch(/[\r\n\t]/);
      expect.soft(setCookies(hit).join("\n")).not.toContain("evil");
      await hit.arrayBuffer();
    }
  });
});

describe("references that cannot be used", () => {
  it("an unknown campaign is a 422 pointing at campaignId", async () => {
    const p = await seedTestProgram(stack);
    const problem = await expectProblem(await postLink(stack, p.apiKey, { ...ids(p), campaignId: newId("campaign") }), 422, "unprocessable");
    expect(problem.errors!.map((e) => e.pointer)).toEqual(["/body/campaignId"]);
  });

  it("an unknown affiliate is a 422 pointing at affiliateId", async () => {
    const p = await seedTestProgram(stack);
    const problem = await expectProblem(await postLink(stack, p.apiKey, { ...ids(p), affiliateId: newId("affiliate") }), 422, "unprocessable");
    expect(problem.errors!.map((e) => e.pointer)).toEqual(["/body/affiliateId"]);
  });

  it("an archived campaign or a suspended affiliate is a 422", async () => {
    const a = await seedTestProgram(stack);
    await stack.db.query("UPDATE campaigns SET status = 'archived' WHERE id = $1", [a.campaignId]);
    const archived = await expectProblem(await postLink(stack, a.apiKey, ids(a)), 422, "unprocessable");
    expect(archived.errors!.map((e) => e.pointer)).toEqual(["/body/campaignId"]);

    const b = await seedTestProgram(stack);
    await stack.db.query("UPDATE affiliates SET status = 'suspended' WHERE id = $1", [b.affiliateId]);
    const suspended = await expectProblem(await postLink(stack, b.apiKey, ids(b)), 422, "unprocessable");
    expect(suspended.errors!.map((e) => e.pointer)).toEqual(["/body/affiliateId"]);
  });

  it("a domain the tenant does not own is a 422 pointing at domain", async () => {
    const p = await seedTestProgram(stack);
    for (const domain of [uniqueLinkDomain(), "localhost", "GO.INDICA.TEST.evil.example"]) {
      const problem = await expectProblem(await postLink(stack, p.apiKey, { ...ids(p), domain }), 422, "unprocessable");
      expect(problem.errors!.map((e) => e.pointer)).toEqual(["/body/domain"]);
    }
  });

  it("a link domain whose DNS is not verified yet is a 422 pointing at domain", async () => {
    const domain = uniqueLinkDomain();
    const p = await seedTestProgram(stack, { ownDomain: true, linkDomain: domain });
    await stack.db.query("UPDATE domains SET verified_at = NULL WHERE hostname = $1", [domain]);
    const problem = await expectProblem(await postLink(stack, p.apiKey, { ...ids(p), domain, code: `c-${uniqueSuffix()}` }), 422, "unprocessable");
    expect(problem.errors!.map((e) => e.pointer)).toEqual(["/body/domain"]);
  });

  it("a domain that is not a hostname is a 400 pointing at domain", async () => {
    const p = await seedTestProgram(stack);
    for (const domain of ["", "go loja.example", "https://go.loja.example", "go.loja.example/x"]) {
      await expectFieldErrors(await postLink(stack, p.apiKey, { ...ids(p), domain }), ["/body/domain"]);
    }
  });

  it("a code already taken on the domain is a 409 pointing at code", async () => {
    const p = await seedTestProgram(stack);
    const code = `dup-${uniqueSuffix()}`;
    expect((await postLink(stack, p.apiKey, { ...ids(p), code })).status).toBe(201);
    const problem = await expectProblem(await postLink(stack, p.apiKey, { ...ids(p), code }), 409, "conflict");
    expect(problem.errors!.map((e) => e.pointer)).toEqual(["/body/code"]);
    // The seeded link's code is taken too.
    await expectProblem(await postLink(stack, p.apiKey, { ...ids(p), code: p.code }), 409, "conflict");
  });

  it("the same code is free on another domain", async () => {
    const linkDomain = uniqueLinkDomain();
    const p = await seedTestProgram(stack, { ownDomain: true, linkDomain });
    const code = `twice-${uniqueSuffix()}`;
    expect((await postLink(stack, p.apiKey, { ...ids(p), code })).status).toBe(201);
    expect((await postLink(stack, p.apiKey, { ...ids(p), code, domain: linkDomain })).status).toBe(201);
  });
});

describe("fuzzing POST /v1/links", () => {
  it("never answers 5xx, and every error is a problem", async () => {
    const p = await seedTestProgram(stack);
    const ownDomain = uniqueLinkDomain();
    await stack.db.query("INSERT INTO domains (id, tenant_id, hostname, is_link_domain, verified_at) VALUES ($1, $2, $3, true, now())", [
      newId("domain"), p.tenantId, ownDomain,
    ]);
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 40 }));
    const field = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: fc.oneof(text, fc.anything()) });
    const structured = fc
      .record(
        {
          campaignId: field(fc.oneof(fc.constant(p.campaignId), fc.constant(newId("campaign")))),
          affiliateId: field(fc.oneof(fc.constant(p.affiliateId), fc.constant(newId("affiliate")))),
          // Deep links into the seeded shop pass the allow-list; other sites' URLs are a 422.
          destinationUrl: field(
            fc.oneof(
              { weight: 4, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }).map((u) => u.replace(/^https?:\/\/[^/?#]*/, "https://loja.example")) },
              { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
              { weight: 1, arbitrary: fc.constantFrom("javascript:alert(1)", "/x", "https://loja.example/\u0000") },
            ),
          ),
          code: field(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,70}$/)),
          domain: field(fc.constantFrom(TEST_LINK_DOMAIN, ownDomain, ownDomain.toUpperCase(), uniqueLinkDomain())),
          subIds: field(fc.dictionary(fc.constantFrom("sub1", "sub2", "sub5", "sub6", "x"), fc.oneof(fc.string({ maxLength: 210 }), fc.integer()))),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o));
    const bodies = fc.sample(fc.oneof({ weight: 6, arbitrary: structured }, { weight: 1, arbitrary: fc.json() }, { weight: 1, arbitrary: text }), {
      numRuns: 400,
      seed: 20261122,
    });

    const seen = new Map<number, number>();
    for (const body of bodies) {
      const res = await postLink(stack, p.apiKey, body);
      seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
      expect(res.status, `body: ${body}\nresponse: ${await res.clone().text()}`).toBeLessThan(500);
      if (res.status >= 400) expect(res.headers.get("content-type"), body).toMatch(/^application\/problem\+json/);
      await res.arrayBuffer();
    }
    // The generator reaches both the validator and the database.
    expect(seen.get(201) ?? 0, `statuses seen: ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    expect(seen.get(400) ?? 0).toBeGreaterThan(0);
  });
});
