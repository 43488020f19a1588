/**
 * README.md's "Try it" and "Track a shop" commands, run as written in bash against the real stack: the
 * quickstart is the first thing a new merchant runs, so its order must end up credited with a commission.
 * Only the addresses npm start prints are swapped for this stack's, and the demo codes for unique ones.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import { seedProgram } from "../scripts/lib/seed-program";
import { freePort } from "./helpers/ports";
import { SECRETS_KEY, startTestStack, waitFor, type TestStack } from "./helpers/stack";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
/** The sh blocks that use the demo npm start describes (not `npm install` or `npm test`). */
const demoBlocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes(".indica/dev.json"));

let stack: TestStack;
let port: number;
let scratch: string;
beforeAll(async () => {
  port = await freePort();
  stack = await startTestStack({ port, linkDomain: "localhost", bindings: { "indica-api": { LINK_URL_SCHEME: "http", LINK_URL_PORT: String(port) } } });
  scratch = mkdtempSync(join(tmpdir(), "indica-readme-"));
}, 120_000);
afterAll(async () => {
  await stack?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("README.md", () => {
  it("its quickstart commands work as written: the click redirects, the link is made, the coupon order earns a commission", async () => {
    const unique = newId("tenant").slice(-8).toLowerCase();
    const demo = await seedProgram(stack.db, { slug: `readme-${unique}`, linkDomain: "localhost", code: `demo-${unique}`, secretsKey: SECRETS_KEY });
    mkdirSync(join(scratch, ".indica"), { recursive: true });
    writeFileSync(join(scratch, ".indica", "dev.json"), JSON.stringify({ demo }));

    expect(demoBlocks.length).toBeGreaterThanOrEqual(2);
    const script = demoBlocks
      .join("\n")
      .replaceAll("http://localhost:8787/demo", `http://localhost:${port}/${demo.code}`)
      .replaceAll("http://127.0.0.1:8789", `http://api.localhost:${port}`)
      .replaceAll("http://127.0.0.1:8788", `http://t.localhost:${port}`)
      .replaceAll('\\"code\\":\\"maria\\"', `\\"code\\":\\"maria-${unique}\\"`);
    expect(script).toContain(`maria-${unique}`);
    const run = spawnSync("bash", ["-eo", "pipefail", "-c", script], { cwd: scratch, encoding: "utf8", timeout: 60_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^HTTP\/1\.1 302/m);
    expect(run.stdout).toContain(`"code":"maria-${unique}"`);
    expect(run.stdout).toContain('"code":"MARIA10"');
    // Locally the snippet must name the ingest Worker: a test page's own /_indica/* answers nothing.
    expect(run.stdout).toContain(`data-endpoint="http://t.localhost:${port}/_indica" data-site="${demo.tenantId}"`);

    const commission = await waitFor(async () => {
      const { rows } = await stack.db.query(
        "SELECT cv.matched_affiliate_id, cm.affiliate_id, cm.amount FROM conversions cv JOIN commissions cm ON cm.tenant_id = cv.tenant_id AND cm.conversion_id = cv.id WHERE cv.tenant_id = $1 AND cv.order_id = '1001'",
        [demo.tenantId],
      );
      return rows[0];
    }, 30_000, "order 1001's commission");
    // 10% of R$ 250,00, as the README says.
    expect({ ...commission, amount: Number(commission.amount) }).toEqual({ matched_affiliate_id: demo.affiliateId, affiliate_id: demo.affiliateId, amount: 2500 });
  });

  it("its sign-up command for a new merchant makes an account whose owner is signed in, naming its slug; run again, a 409 naming the same", () => {
    const command = /`(curl [^`]*\/v1\/auth\/signup[^`]*)`/.exec(README)?.[1];
    expect(command).toBeDefined();
    const script = command!.replace("http://127.0.0.1:8789", `http://api.localhost:${port}`).replace("eu@loja.example", `eu-${newId("user").slice(-8).toLowerCase()}@loja.example`);
    const run = () => JSON.parse(spawnSync("bash", ["-eo", "pipefail", "-c", script], { encoding: "utf8", timeout: 30_000 }).stdout);
    const made = run();
    expect(made).toMatchObject({ tokenType: "Bearer", user: { role: "owner" }, tenant: { name: "Minha Loja", slug: expect.stringMatching(/^minha-loja-[0-9a-z]{5}$/) } });
    expect(README).toContain('"tenant":{"id":"tnt_…","slug":"minha-loja-7w49e","name":"Minha Loja"}');
    expect(run()).toMatchObject({ status: 409, code: "conflict", tenants: [{ slug: made.tenant.slug, name: "Minha Loja" }] });
  });
});
