/**
 * The ports `npm start` listens on, each from its environment variable, and a check that they are free
 * before anything starts: a port taken later (by a listener that failed half way) would leave the database
 * cluster and workerd running, and the error would not say which variable moves it.
 */
import { createServer } from "node:net";

export const START_PORTS = {
  edge: { variable: "INDICA_EDGE_PORT", fallback: 8787, what: "edge entry for links" },
  ingest: { variable: "INDICA_INGEST_PORT", fallback: 8788, what: "ingest Worker" },
  api: { variable: "INDICA_API_PORT", fallback: 8789, what: "API Worker" },
  dashboard: { variable: "INDICA_DASHBOARD_PORT", fallback: 5173, what: "dashboard" },
  database: { variable: "INDICA_DB_PORT", fallback: 54329, what: "local database" },
  bridge: { variable: "INDICA_DB_BRIDGE_PORT", fallback: 54330, what: "WebSocket bridge to the database" },
} as const;
export type PortName = keyof typeof START_PORTS;

export interface PortChoice {
  name: PortName;
  variable: string;
  what: string;
  port: number;
}

/** Reads the six ports from `env`; throws with the variable's name when a value is not a port. */
export function readStartPorts(env: Record<string, string | undefined>): Record<PortName, PortChoice> {
  const out = {} as Record<PortName, PortChoice>;
  for (const [name, spec] of Object.entries(START_PORTS) as [PortName, (typeof START_PORTS)[PortName]][]) {
    const raw = env[spec.variable];
    const port = raw === undefined || raw === "" ? spec.fallback : Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${spec.variable}=${raw} is not a port (1-65535).`);
    }
    out[name] = { name, variable: spec.variable, what: spec.what, port };
  }
  return out;
}

/** Whether a TCP listener can bind `host:port` right now (it is closed again at once). */
export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * What stops the given ports from being used, as one message for the person who ran `npm start`
 * (null when they are all free and distinct): two variables set to the same port, and ports already taken,
 * with a command that moves each of them to a port free right now.
 */
export async function portProblems(choices: PortChoice[], host = "127.0.0.1"): Promise<string | null> {
  const lines: string[] = [];
  const moves: PortChoice[] = [];
  const seen = new Map<number, PortChoice>();
  for (const c of choices) {
    const first = seen.get(c.port);
    if (first) {
      lines.push(`  ${c.variable} and ${first.variable} are both ${c.port}; each needs its own port.`);
      moves.push(c);
    } else seen.set(c.port, c);
  }
  for (const c of seen.values()) {
    if (!(await portIsFree(c.port, host))) {
      lines.push(`  port ${c.port} (${c.variable}, the ${c.what}) is already in use on ${host}.`);
      moves.push(c);
    }
  }
  if (!lines.length) return null;
  const suggestions = await Promise.all(moves.map(async (c) => `${c.variable}=${await anyFreePort(host)}`));
  return [
    "ports not available:",
    ...lines,
    "Stop what holds them (another npm start?), or choose other ports with the variables named, e.g.",
    `  ${suggestions.join(" ")} npm start`,
    "To run a second stack next to another one, move all six (README.md lists them).",
  ].join("\n");
}

function anyFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A listener's start-up error, naming the variable that moves its port when the port was taken. */
export function listenFailure(choice: PortChoice, error: unknown): string {
  // Miniflare's message ends by suggesting wrangler's --port, which npm start does not take.
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*Please check that you are not already running.*$/s, "");
  if (/EADDRINUSE|already in use/i.test(message)) {
    return `port ${choice.port} (${choice.variable}, the ${choice.what}) is already in use: ${message}\nChoose another with ${choice.variable}=<port> npm start.`;
  }
  return `could not start the ${choice.what} on port ${choice.port} (${choice.variable}): ${message}`;
}
