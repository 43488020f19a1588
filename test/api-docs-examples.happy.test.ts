/**
 * docs/api.md's examples, run as written: its `sh` blocks in one bash session against the real stack
 * over HTTP (curl and jq), and its `js` webhook receiver in Node, which must verify the signed deliveries
 * that the conversion it sent produced.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProgram } from "../scripts/lib/seed-program";
import { freePort } from "./helpers/ports";
import { startTestStack, waitFor, type TestStack } from "./helpers/stack";

const DOC = readFileSync(new URL("../docs/api.md", import.meta.url), "utf8");
const blocks = (lang: string) => [...DOC.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);

let stack: TestStack;
let port: number;
let scratch: string;
beforeAll(async () => {
  port = await freePort();
  stack = await startTestStack({
    port,
    linkDomain: "localhost",
    bindings: { "indica-api": { LINK_URL_SCHEME: "http", LINK_URL_PORT: String(port), WEBHOOK_ALLOW_LOOPBACK_HTTP: "true" } },
  });
  scratch = mkdtempSync(join(tmpdir(), "indica-docs-"));
}, 120_000);
afterAll(async () => {
  await stack?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("docs/api.md", () => {
  it("its curl examples work as written, and its receiver verifies the webhooks they cause", async () => {
    const slug = `docs-${Date.now().toString(36)}`;
    const demo = await seedProgram(stack.db, { slug, linkDomain: "localhost", code: `docs-${Date.now().toString(36)}`, password: "a docs password" });
    const receiverPort = await freePort();
    const env = {
      ...process.env,
      INDICA_API: `http://api.localhost:${port}`,
      INDICA_TRACKING: `http://t.localhost:${port}`,
      INDICA_EMAIL: demo.people!.owner,
      INDICA_PASSWORD: demo.people!.password,
      RECEIVER_URL: `http://127.0.0.1:${receiverPort}/indica`,
    };
    // The first block only sets the hosts npm start uses; the test's stack has its own.
    const script = blocks("sh").filter((b) => !b.includes("export INDICA_API=")).join("\n");
    expect(script).toContain("/v1/conversions");
    const run = spawnSync("bash", ["-euo", "pipefail", "-c", `${script}\necho "SECRET=$INDICA_WEBHOOK_SECRET"`], { env, encoding: "utf8", timeout: 90_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('{"kind":"user","role":"owner"}');
    expect(run.stdout).toMatch(new RegExp(`http://localhost:${port}/\\S+`));
    expect(run.stdout).toMatch(/^clk_[0-9A-Z]{26}$/m);
    expect(run.stdout).toContain(`{"orderId":"pedido-1001","status":"paid","affiliateId":"${demo.affiliateId}"}`);
    // As the page says: curl's click and the order seconds behind it are flagged, so the commission is held.
    const held = await waitFor(async () => {
      const { rows } = await stack.db.query(
        "SELECT cm.held_for_review FROM commissions cm JOIN conversions cv ON cv.tenant_id = cm.tenant_id AND cv.id = cm.conversion_id WHERE cv.tenant_id = $1 AND cv.order_id = 'pedido-1001'",
        [demo.tenantId],
      );
      return rows[0];
    }, 30_000, "pedido-1001's commission");
    expect(held).toEqual({ held_for_review: true });
    // The same order again, signed with a signing secret instead of an API key.
    expect(run.stdout).toMatch(/^202$/m);
    const secret = /^SECRET=(whsec_\S+)$/m.exec(run.stdout)?.[1];
    expect(secret).toBeDefined();

    const receiverFile = join(scratch, "receiver.mjs");
    writeFileSync(receiverFile, blocks("js")[0]);
    const receiver = spawn(process.execPath, [receiverFile], { env: { ...process.env, INDICA_WEBHOOK_SECRET: secret, PORT: String(receiverPort) } });
    let received = "";
    receiver.stdout.on("data", (d) => (received += d));
    receiver.stderr.on("data", (d) => (received += d));
    try {
      await waitFor(async () => (await stack.db.query("SELECT 1 FROM webhook_deliveries WHERE tenant_id = $1 AND event_type = 'conversion.created'", [demo.tenantId])).rowCount, 30_000, "the conversion's webhook");
      const ingest = (await stack.mf.getWorker("indica-ingest")) as unknown as { scheduled(o: { cron: string }): Promise<{ outcome: string }> };
      await waitFor(async () => {
        // Until the receiver listens, a delivery attempt fails and its retry is a minute or so away: ours if
        // it runs first, or any other test file's (their webhook runs send every tenant's due deliveries, and
        // the endpoint exists from the script on). A failed attempt is brought forward rather than waited for.
        await stack.db.query("UPDATE webhook_deliveries SET next_attempt_at = now() WHERE tenant_id = $1 AND status = 'pending' AND attempts > 0", [demo.tenantId]);
        await ingest.scheduled({ cron: "* * * * *" });
        return received.includes("verified conversion.created");
      }, 60_000, "the receiver to verify the delivery");
      expect(received).toMatch(/verified conversion\.created conversion\.created:cnv_/);
      const { rows } = await stack.db.query("SELECT status FROM webhook_deliveries WHERE tenant_id = $1 AND event_type = 'conversion.created'", [demo.tenantId]);
      expect(rows).toEqual([{ status: "delivered" }]);
    } finally {
      receiver.kill();
      await stack.db.query("DELETE FROM webhook_endpoints WHERE tenant_id = $1", [demo.tenantId]);
    }
  }, 120_000);
});
