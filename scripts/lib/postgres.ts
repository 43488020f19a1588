/**
 * Dev/test tooling: a throwaway PostgreSQL cluster from the machine's own binaries (Debian's
 * postgresql package), or PGlite when none are installed. Never used by the Workers.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export interface RunningDatabase {
  url: string;
  kind: "postgres" | "pglite" | "external";
  stop(): Promise<void>;
}

export function findPostgresBinaries(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    // pg_config is absent on many machines; the Debian layout below is the next guess.
  }
  if (existsSync("/usr/lib/postgresql")) {
    const versions = readdirSync("/usr/lib/postgresql").filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  return candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) ?? null;
}

/** initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user. */
function runAsClusterOwner(bin: string, args: string[], dir: string): void {
  const isRoot = process.getuid?.() === 0;
  const result = isRoot
    ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", [bin, ...args].map(shellQuote).join(" ")], { encoding: "utf8" })
    : spawnSync(bin, args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${bin} ${args.join(" ")} failed (cluster ${dir}):\n${result.stderr || result.stdout}`);
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface ClusterOptions {
  dir: string;
  port: number;
  /** Tests trade durability for speed; the dev cluster keeps fsync on. */
  fast?: boolean;
}

export class LocalCluster {
  constructor(readonly bin: string, readonly opts: ClusterOptions) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.opts.port}/indica`;
  }

  async start(): Promise<void> {
    const { dir, port } = this.opts;
    if (!existsSync(join(dir, "PG_VERSION"))) {
      mkdirSync(dir, { recursive: true });
      this.chownForPostgres(dir);
      runAsClusterOwner(join(this.bin, "initdb"), ["-D", dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], dir);
    }
    const settings = [`-p ${port}`, "-c listen_addresses=127.0.0.1", `-c unix_socket_directories=${dir}`, "-c max_connections=200"];
    if (this.opts.fast) settings.push("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off");
    const log = join(dir, "server.log");
    if (!existsSync(log)) {
      writeFileSync(log, "");
      this.chownForPostgres(log);
    }
    runAsClusterOwner(join(this.bin, "pg_ctl"), ["-D", dir, "-l", log, "-w", "-t", "60", "-o", settings.join(" "), "start"], dir);
    await ensureDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`, "indica");
  }

  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    runAsClusterOwner(join(this.bin, "pg_ctl"), ["-D", this.opts.dir, "-m", mode, "-w", "stop"], this.opts.dir);
  }

  private chownForPostgres(path: string): void {
    if (process.getuid?.() !== 0) return;
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(path, uid, gid);
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** PGlite over the wire protocol: zero-install, slower, one connection at a time. */
export async function startPglite(dir: string, port: number): Promise<RunningDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 64 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    kind: "pglite",
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
