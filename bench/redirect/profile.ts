/**
 * npm run profile:redirect [-- --seconds 6 --guards on|off --top 12]
 * Where workerd's one thread spends the redirect bench's load: a V8 CPU profile of every Worker in the
 * stack (through the DevTools inspector), summed per Worker and per function (self time). The bench says how
 * fast; this says what to make cheaper. Not a benchmark: sampling slows everything a little.
 */
import { parseArgs } from "node:util";
import WebSocket from "ws";
import { freePort } from "../../test/helpers/ports";
import { runLoad } from "./load";
import { startBenchStack } from "./stack";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "6" },
    guards: { type: "string", default: "on" },
    top: { type: "string", default: "12" },
    // split: profile the edge workerd (redirect and bare 302) alone; one: every Worker of the one workerd.
    topology: { type: "string", default: "split" },
  },
});

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** A minimal DevTools protocol client: numbered calls, answers matched by id. */
async function connect(url: string) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let next = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
  });
  return {
    call<T>(method: string, params: object = {}): Promise<T> {
      const id = ++next;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => waiting.set(id, resolve as (v: unknown) => void));
    },
    close: () => ws.close(),
  };
}

/** Self time per function in ms, biggest first, and the total of everything but idle. */
function selfTimes(p: CpuProfile): { busyMs: number; rows: [string, number][] } {
  const byNode = new Map(p.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  let busyMs = 0;
  p.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    const t = (p.timeDeltas[i] ?? 0) / 1000;
    const name = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop() ?? ""}:${f.lineNumber + 1}`;
    ms.set(name, (ms.get(name) ?? 0) + t);
    if (f.functionName !== "(idle)") busyMs += t;
  });
  return { busyMs, rows: [...ms].sort((a, b) => b[1] - a[1]) };
}

async function main(): Promise<void> {
  const inspectorPort = await freePort();
  const stack = await startBenchStack({ guards: args.guards !== "off", inspectorPort, topology: args.topology === "one" ? "one" : "split" });
  try {
    const headers = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
    const load = { connections: 32, headers, varyClientIp: true };
    await runLoad(stack.redirectUrl, { ...load, durationSeconds: 2 }); // warm-up
    const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as { title: string; webSocketDebuggerUrl: string }[];
    const sessions = await Promise.all(targets.map(async (t) => ({ title: t.title, s: await connect(t.webSocketDebuggerUrl) })));
    for (const { s } of sessions) {
      await s.call("Profiler.enable");
      await s.call("Profiler.setSamplingInterval", { interval: 200 });
      await s.call("Profiler.start");
    }
    const seconds = Number(args.seconds);
    const r = await runLoad(stack.redirectUrl, { ...load, durationSeconds: seconds });
    console.log(`${r.latencies.length} responses in ${r.seconds.toFixed(1)} s (${(r.latencies.length / r.seconds).toFixed(0)} req/s under the profiler)`);
    for (const { title, s } of sessions) {
      const { profile } = await s.call<{ profile: CpuProfile }>("Profiler.stop");
      const { busyMs, rows } = selfTimes(profile);
      console.log(`\n${title}: ${busyMs.toFixed(0)} ms busy of ${(seconds * 1000).toFixed(0)} ms`);
      for (const [name, t] of rows.slice(0, Number(args.top))) console.log(`  ${t.toFixed(0).padStart(6)} ms  ${name}`);
      s.close();
    }
  } finally {
    await stack.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
