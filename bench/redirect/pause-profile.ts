/**
 * npm run profile:pauses [-- --target bare|redirect --seconds 8 --rate 2000 --guards on|off]
 * What the edge workerd's thread does while a target pauses (bench/README.md, "Where the tail comes from").
 * Records the thread with Linux `perf` (software clock, call stacks) during a fixed-rate run, finds the
 * stretches in which it was busy for most of 40 ms, and prints for each how much of it was garbage
 * collection and the GC's epilogue (workerd freeing the runtime objects of collected wrappers). Diagnostic,
 * needs `perf` (Debian: linux-perf) and root or perf_event_paranoid <= 1.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BROWSER_HEADERS, runLoad } from "./load";
import { runPaced } from "./paced";
import { pausesOf, SLOW_RESPONSE_MS } from "./pauses";
import { busyStretches, parsePerfScript } from "./perf-stacks";
import { startBenchStack } from "./stack";

const { values: args } = parseArgs({
  options: {
    target: { type: "string", default: "bare" },
    seconds: { type: "string", default: "8" },
    rate: { type: "string", default: "2000" },
    guards: { type: "string", default: "off" },
  },
});
const headers = BROWSER_HEADERS;
const SAMPLE_HZ = 4000;

async function main(): Promise<void> {
  if (spawnSync("perf", ["--version"]).status !== 0) throw new Error("perf is not installed (Debian: apt-get install linux-perf)");
  if (args.target !== "bare" && args.target !== "redirect") throw new Error("--target is bare or redirect");
  process.env.WRANGLER_SEND_METRICS ??= "false";
  const dir = mkdtempSync(join(tmpdir(), "indica-pause-profile-"));
  let stack: Awaited<ReturnType<typeof startBenchStack>> | undefined;
  try {
    stack = await startBenchStack({ guards: args.guards === "on", topology: "split", lowBackendPriority: true, raisePriority: true, dedicatedEdgeCore: true });
    const url = args.target === "redirect" ? stack.redirectUrl : stack.bareUrl;
    await runLoad(url, { connections: 32, headers, varyClientIp: true, durationSeconds: 2 }); // warm-up
    // The edge workerd's main thread (its tid is the pid): where every request of every Worker there runs.
    const thread = String(stack.workerdPids.edge[0]);
    const data = join(dir, "edge.perf");
    const perf = spawn("perf", ["record", "-q", "-e", "cpu-clock", "-F", String(SAMPLE_HZ), "-g", "-t", thread, "-o", data], { stdio: "inherit" });
    // Listened for from the start: perf may exit on its own (no permission, no such thread) before the run ends.
    const exited = new Promise<number | null>((r) => perf.once("exit", (code) => r(code)));
    await new Promise((r) => setTimeout(r, 500));
    const r = await runPaced(url, { headers, varyClientIp: true, durationSeconds: Number(args.seconds), rate: Number(args.rate) });
    if (perf.exitCode === null && perf.signalCode === null) perf.kill("SIGINT");
    await exited;
    if (!existsSync(data)) throw new Error("perf recorded nothing (perf_event_paranoid, or not root?)");
    const p = pausesOf(r.slow ?? [], r.seconds, r.latencies.length);
    console.log(`${args.target} at ${args.rate} req/s for ${r.seconds.toFixed(1)} s: ${p.count} pauses (responses > ${SLOW_RESPONSE_MS} ms), longest ${p.longestMs} ms`);
    const script = spawnSync("perf", ["script", "-i", data, "-F", "time,ip,sym"], { maxBuffer: 1 << 28, encoding: "utf8" });
    const samples = parsePerfScript(script.stdout);
    const share = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(0)}%`;
    const gcAll = samples.filter((s) => s.gc).length;
    console.log(`edge thread: ${samples.length} samples at ${SAMPLE_HZ} Hz, ${share(gcAll, samples.length)} in GC`);
    for (const b of busyStretches(samples, { windowSeconds: 0.04, minSamples: Math.round(0.75 * 0.04 * SAMPLE_HZ) })) {
      console.log(`  busy ${b.ms.toFixed(0)} ms (${b.samples} samples): GC ${share(b.gc, b.samples)}, GC epilogue ${share(b.epilogue, b.samples)};` +
        ` freed there: ${b.freed.map(([name, n]) => `${name} ${share(n, b.epilogue)}`).join(", ")}`);
    }
  } finally {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
