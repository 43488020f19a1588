/** The scheduled anomaly check: an affiliate far above its own baseline raises one alert, delivered signed to the merchant. */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "../core/request-signature";
import { freePort } from "./helpers/ports";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
let server: Server;
let hookUrl: string;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  const port = await freePort();
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${port}/indica-alerts`;
});
afterAll(async () => {
  await stack?.close();
  server?.close();
});

/** Clicks written straight to Postgres: `perHour` an hour over the past week and `lastHour` in the last hour. */
async function traffic(p: { tenantId: string; linkId: string; campaignId: string; affiliateId: string }, perHour: number, lastHour: number) {
  await stack.db.query(
    `INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id)
     SELECT 'clk_' || md5(random()::text || g::text), at, $1, $2, $3, $4, 'vis_x'
     FROM (SELECT g, now() - interval '2 hours' - (g * interval '1 hour') / greatest($5::int, 1) AS at FROM generate_series(1, $5::int * 167) g
           UNION ALL SELECT g, now() - (g * interval '50 minutes') / greatest($6::int, 1) FROM generate_series(1, $6::int) g) t`,
    [p.tenantId, p.linkId, p.campaignId, p.affiliateId, perHour, lastHour],
  );
}

/** What the Cron Trigger does every ten minutes. */
const runCheck = async () => {
  const ingest = (await stack.mf.getWorker("indica-ingest")) as unknown as { scheduled(o: { cron: string }): Promise<{ outcome: string }> };
  expect((await ingest.scheduled({ cron: "*/10 * * * *" })).outcome).toBe("ok");
};

describe("anomaly alerts", () => {
  it("raises one alert for a click spike and delivers it signed, once", async () => {
    const p = await seedTestProgram(stack);
    await stack.db.query("UPDATE tenants SET alert_webhook_url = $2 WHERE id = $1", [p.tenantId, hookUrl]);
    await traffic(p, 2, 80);

    await runCheck();
    const { rows } = await stack.db.query("SELECT * FROM alerts WHERE tenant_id = $1 AND kind = 'affiliate_click_spike'", [p.tenantId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "affiliate_click_spike", affiliate_id: p.affiliateId, observed: 80, baseline: 2 });
    expect(rows[0].delivered_at).not.toBeNull();

    const hook = received.find((r) => r.body.includes(rows[0].id))!;
    expect(JSON.parse(hook.body)).toMatchObject({ type: "alert", alert: { id: rows[0].id, kind: "affiliate_click_spike", observed: 80 } });
    expect(hook.headers["indica-key-id"]).toBe(p.signing!.keyId);
    expect(await verifySignature(p.signing!.secret, hook.headers["indica-signature"] as string, hook.body, Math.floor(Date.now() / 1000))).toBe("ok");

    await runCheck();
    expect((await stack.db.query("SELECT 1 FROM alerts WHERE tenant_id = $1 AND kind = 'affiliate_click_spike'", [p.tenantId])).rowCount).toBe(1);
    expect(received.filter((r) => r.body.includes(rows[0].id))).toHaveLength(1);
  });

  it("raises a minute spike for a burst too short to move the hourly count", async () => {
    const p = await seedTestProgram(stack);
    await traffic(p, 20, 0);
    // 40 clicks inside the previous whole minute (so they never straddle two): against about 0.33 a minute.
    await stack.db.query(
      `INSERT INTO clicks (id, clicked_at, tenant_id, link_id, campaign_id, affiliate_id, visitor_id)
       SELECT 'clk_' || md5(random()::text || g::text), date_trunc('minute', now()) - interval '1 minute' + g * interval '1 second', $1, $2, $3, $4, 'vis_x'
       FROM generate_series(1, 40) g`,
      [p.tenantId, p.linkId, p.campaignId, p.affiliateId],
    );
    await runCheck();
    const { rows } = await stack.db.query("SELECT kind, observed, baseline FROM alerts WHERE tenant_id = $1", [p.tenantId]);
    expect(rows).toEqual([{ kind: "affiliate_minute_spike", observed: 40, baseline: 33 }]);
  });

  it("stays quiet for a busy affiliate at its usual pace", async () => {
    const p = await seedTestProgram(stack);
    await traffic(p, 30, 60);
    await runCheck();
    expect((await stack.db.query("SELECT 1 FROM alerts WHERE tenant_id = $1", [p.tenantId])).rowCount).toBe(0);
  });
});
