/**
 * Runs the WebSocket-to-Postgres bridge in its own process, so the ingest consumer's database traffic
 * does not share an event loop with the load generator (that would inflate the redirect's client-side
 * latency only, an artefact of the bench). Prints the address as one JSON line; exits when stdin closes.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startWsBridge } from "../../scripts/lib/ws-bridge";

export interface BridgeProcess {
  address: string;
  close(): Promise<void>;
}

export async function spawnBridge(databaseUrl: string): Promise<BridgeProcess> {
  // process.execArgv carries tsx's loader, so the child can import the TypeScript bridge.
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), databaseUrl], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  child.stdin!.on("error", () => {}); // on Ctrl-C the child may be gone before we close its stdin
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bridge process exited (${code})`)));
  });
  return {
    address: (JSON.parse(line) as { address: string }).address,
    async close() {
      child.stdin!.end(); // the child closes the bridge and exits on end of stdin
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bridge = await startWsBridge(process.argv[2]);
  console.log(JSON.stringify({ address: bridge.address }));
  process.stdin.resume();
  process.stdin.once("end", () => {
    setTimeout(() => process.exit(0), 2_000).unref(); // a lingering socket must not keep it alive
    void bridge.close().then(() => process.exit(0));
  });
}
