/**
 * Diagnostic, not part of bench:redirect: how fast can ANY Worker be in local Miniflare if it sends one
 * Queue message per request? Compares the bare 302 with a 302 that also sends a click-sized message in
 * waitUntil (its consumer only acks). Miniflare emulates the Queue with a broker object in the same
 * workerd, so this is the local ceiling for a redirect that enqueues every click.
 *   npx tsx bench/redirect/queue-floor.ts
 */
import { Miniflare } from "miniflare";
import { runLoad, summarise } from "./load";

const event = { type: "click", v: 1, id: "clk_01JBENCH0000000000000000000", ts: Date.now(), tenantId: "tnt", linkId: "lnk",
  campaignId: "cmp", affiliateId: "aff", visitorId: "vis", subIds: {}, ipHash: "0".repeat(32), country: null,
  userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36", referrerHost: null, adClickIds: {} };
const reply = "new Response(null, { status: 302, headers: { location: 'https://loja.example/produtos?x=1' } })";
const worker = (name: string, script: string, extra = {}) =>
  ({ name, modules: true, script, compatibilityDate: "2026-04-01", unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }], ...extra });

const mf = new Miniflare({
  host: "127.0.0.1", port: 0, cf: false,
  workers: [
    worker("bare-302", `export default { fetch() { return ${reply} } }`),
    worker("queue-302", `export default { fetch(req, env, ctx) {
      ctx.waitUntil(env.Q.sendBatch([{ body: ${JSON.stringify(event)}, contentType: "json" }])); return ${reply} } }`,
      { queueProducers: { Q: "floor" } }),
    worker("sink", "export default { queue(batch) { batch.ackAll() } }", { queueConsumers: { floor: { maxBatchSize: 100, maxBatchTimeout: 1 } } }),
  ],
});
try {
  const load = { connections: 32, headers: { "user-agent": event.userAgent } };
  const runs: Record<string, Awaited<ReturnType<typeof runLoad>>[]> = { "bare-302": [], "queue-302": [] };
  for (const name of ["bare-302", "queue-302", "queue-302", "bare-302"]) {
    const url = (await mf.unsafeGetDirectURL(name)).href;
    await runLoad(url, { ...load, durationSeconds: 2 }); // warm-up
    runs[name].push(await runLoad(url, { ...load, durationSeconds: 5 }));
    await new Promise((r) => setTimeout(r, 3_000)); // let the queue backlog drain before the next run
  }
  for (const [name, r] of Object.entries(runs)) {
    const s = summarise(r);
    console.log(`${name.padEnd(10)} ${s.rps.toFixed(0).padStart(7)} req/s  p50 ${s.p50.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms`);
  }
} finally {
  await mf.dispose();
}
