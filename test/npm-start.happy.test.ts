/**
 * `npm start` end to end: the stack comes up on the given ports, writes dev.json, the demo link redirects,
 * the API and the dashboard answer, the edge entry routes by host like production, a taken port stops it
 * before anything starts, and Ctrl+C stops it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { request } from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "./helpers/ports";
import { SECRETS_KEY, waitFor } from "./helpers/stack";

let child: ChildProcess;
let output = "";
let stateDir: string;
let dev: { redirect: string; ingest: string; api: string; dashboard: string; demo: { apiKey: string; linkUrl: string; campaignId: string; affiliateId: string; people: { owner: string; affiliate: string; password: string } } };
let edgePort: number;

/** fetch() may not set Host; the edge routes by it, so this goes through node:http. */
function getWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host, ...headers } }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), "indica-start-"));
  // npm start fires the ingest Worker's Cron Triggers against this suite's shared database, and its
  // every-minute webhook run sends every test file's due deliveries. With a SECRETS_KEY of its own it could
  // not open their endpoints' secrets and counted a failed attempt on each (the retry a minute away), under
  // the feet of a file asserting on them. The tests' key (scripts/lib/dev-secrets.ts fills in the others).
  writeFileSync(join(stateDir, "secrets.json"), JSON.stringify({ SECRETS_KEY }));
  edgePort = await freePort();
  child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: inject("databaseUrl"),
      INDICA_STATE_DIR: stateDir,
      INDICA_EDGE_PORT: String(edgePort),
      INDICA_INGEST_PORT: String(await freePort()),
      INDICA_API_PORT: String(await freePort()),
      INDICA_DASHBOARD_PORT: String(await freePort()),
      INDICA_DB_BRIDGE_PORT: String(await freePort()),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  await waitFor(async () => output.includes("Ctrl+C stops everything") || child.exitCode !== null, 90_000, "npm start");
  if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
  dev = JSON.parse(readFileSync(join(stateDir, "dev.json"), "utf8"));
});

afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(stateDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("prints the URLs and the demo link, and the demo link redirects with a click id", async () => {
    expect(output).toContain(dev.demo.linkUrl);
    expect(output).toContain(dev.demo.apiKey);
    // The ingest Worker's Cron Triggers run locally too (scripts/lib/local-crons.ts).
    expect(output).toMatch(/Cron Triggers +fired here each UTC minute they match: .*indica-ingest: \* \* \* \* \*/);
    const res = await getWithHost(dev.demo.linkUrl.replace("localhost", "127.0.0.1"), `localhost:${edgePort}`, {
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36",
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/indica_cid=clk_/);
  });

  it("suggests a click with a browser's headers, which is counted and not flagged as scripted", async () => {
    const command = /Try: +(curl -i [\s\S]*?\/demo)\n/.exec(output)?.[1];
    expect(command, output).toBeDefined();
    const run = spawnSync("bash", ["-eo", "pipefail", "-c", command!], { encoding: "utf8", timeout: 30_000 });
    expect(run.stdout).toMatch(/^HTTP\/1\.1 302/m);
    const clickId = /indica_cid=(clk_\w+)/.exec(run.stdout)![1];
    const db = new pg.Client({ connectionString: inject("databaseUrl") });
    await db.connect();
    try {
      const click = await waitFor(async () => (await db.query("SELECT fraud_reasons, flagged FROM clicks WHERE id = $1", [clickId])).rows[0], 30_000, "the click row");
      expect(click).toEqual({ fraud_reasons: [], flagged: false });
    } finally {
      await db.end();
    }
  });

  it("serves the API, the ingest Worker and the dashboard, and routes the edge by host and path", async () => {
    const created = await fetch(`${dev.api}/v1/links`, {
      method: "POST",
      headers: { authorization: `Bearer ${dev.demo.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ campaignId: dev.demo.campaignId, affiliateId: dev.demo.affiliateId }),
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { url: string }).url).toMatch(new RegExp(`^http://localhost:${edgePort}/`));
    expect(await (await fetch(`${dev.ingest}/health`)).json()).toMatchObject({ worker: "ingest" });
    // The seeded owner signs in with the password the start banner prints.
    expect(output).toContain(dev.demo.people.owner);
    const login = await fetch(`${dev.api}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: dev.demo.people.owner, password: dev.demo.people.password }),
    });
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe("owner");
    expect(await (await fetch(`${dev.dashboard}/`)).text()).toContain('<div id="root">');
    expect(((await (await fetch(`${dev.dashboard}/openapi.json`)).json()) as { openapi: string }).openapi).toBe("3.1.0");

    const edge = `http://127.0.0.1:${edgePort}`;
    const viaHost = await getWithHost(`${edge}/health`, `api.localhost:${edgePort}`);
    expect(JSON.parse(viaHost.body)).toMatchObject({ worker: "api" });
    expect(await (await fetch(`${edge}/_indica/health`)).json()).toMatchObject({ worker: "ingest" });
  });

  it("stops before starting anything when a port is taken, naming its variable", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl"), INDICA_STATE_DIR: stateDir, INDICA_EDGE_PORT: String(await freePort()), INDICA_INGEST_PORT: String(await freePort()),
          INDICA_API_PORT: String(await freePort()), INDICA_DASHBOARD_PORT: String(await freePort()), INDICA_DB_BRIDGE_PORT: String(taken) },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(run.stderr).toContain(`port ${taken} (INDICA_DB_BRIDGE_PORT, the WebSocket bridge to the database) is already in use`);
      expect(run.stdout).not.toContain("· database");
    } finally {
      holder.close();
    }
  });

  it("stops on Ctrl+C", async () => {
    child.kill("SIGINT");
    await waitFor(async () => child.exitCode !== null, 30_000, "npm start to exit");
    expect(output).toContain("stopping");
    expect(child.exitCode).toBe(0);
  });
});
