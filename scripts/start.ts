/**
 * `npm start`: the whole platform on this machine. A database (yours, a local cluster or PGlite),
 * migrations and the demo merchant, the three Workers with their Durable Objects, Queue, KV and service
 * bindings in one workerd, and the dashboard. URLs are printed and written to .indica/dev.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createServer as createViteServer } from "vite";
import { demoClickCommand } from "./lib/demo-click";
import { ownClusterListensOn, provideDevDatabase } from "./lib/dev-database";
import { loadDevSecrets } from "./lib/dev-secrets";
import { migrateDatabase } from "./lib/migrate";
import { seedProgram } from "./lib/seed-program";
import { startLocalCrons } from "./lib/local-crons";
import { listenFailure, portProblems, readStartPorts, type PortName } from "./lib/ports";
import { bundleAll, LOCAL_GUARD_SHARDS, ROOT, startStack } from "./lib/stack";
import { startWsBridge } from "./lib/ws-bridge";

process.env.WRANGLER_SEND_METRICS ??= "false";
const LINK_DOMAIN = "localhost";
const STATE = process.env.INDICA_STATE_DIR ?? join(ROOT, ".indica");
mkdirSync(STATE, { recursive: true });

const step = (msg: string) => console.log(`· ${msg}`);

// Installed first, so Ctrl+C during start-up also stops what has started so far (newest first).
const cleanups: (() => Promise<unknown>)[] = [];
let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(0);
}
/**
 * wrangler (imported for its config reader) and Miniflare install their own SIGINT/SIGTERM handlers that
 * exit at once; ours must be the only one so the database and workerd are stopped in order.
 */
function takeOverSignals() {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, shutdown);
  }
}
takeOverSignals();

async function fail(message: string): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  console.error(`\nnpm start failed: ${message}`);
  stopping = true;
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(1);
}
// Anything not caught below still stops what has started, rather than leave the database running.
process.on("uncaughtException", (error) => void fail(error.stack ?? error.message));
process.on("unhandledRejection", (reason) => void fail(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)));

const choices = await Promise.resolve()
  .then(() => readStartPorts(process.env))
  .catch((error: Error) => fail(error.message));
const PORTS = Object.fromEntries(Object.entries(choices).map(([name, c]) => [name, c.port])) as Record<PortName, number>;
// Every port is checked before anything starts. The database port is not ours to take with DATABASE_URL,
// and is rightly taken by this state directory's own cluster when an earlier run left it running.
const usesDatabasePort = !process.env.DATABASE_URL && !ownClusterListensOn(STATE, PORTS.database);
const problems = await portProblems(Object.values(choices).filter((c) => c.name !== "database" || usesDatabasePort));
if (problems) await fail(problems);

step("database");
const database = await provideDevDatabase(STATE, PORTS.database).catch((error) => fail(listenFailure(choices.database, error)));
cleanups.push(() => database.stop());
await migrateDatabase(database.url).catch((error: Error) => fail(`could not migrate ${database.url}: ${error.message}`));

step("demo merchant");
const secrets = loadDevSecrets(STATE);
const devFile = join(STATE, "dev.json");
type PreviousDev = { demo?: { apiKey?: string; signing?: { keyId: string; secret: string } | null } };
const previous = existsSync(devFile) ? (JSON.parse(readFileSync(devFile, "utf8")) as PreviousDev) : {};
const seedClient = new pg.Client({ connectionString: database.url });
await seedClient.connect();
const seeded = await seedProgram(seedClient, {
  slug: "demo",
  name: "Loja Demo",
  linkDomain: LINK_DOMAIN,
  code: "demo",
  apiKey: previous.demo?.apiKey,
  // One signing secret for the demo, made on the first start and remembered in dev.json.
  secretsKey: previous.demo?.signing ? undefined : secrets.SECRETS_KEY,
  // A local-only password so the dashboard can be tried at once; printed below.
  password: "indica-demo",
});
const demo = { ...seeded, signing: seeded.signing ?? previous.demo?.signing ?? null };
await seedClient.end();

step("workers");
const bridge = await startWsBridge(database.url, PORTS.bridge).catch((error) => fail(listenFailure(choices.bridge, error)));
cleanups.push(() => bridge.close());
const bundles = await bundleAll(join(STATE, "build")).catch((error: Error) => fail(`could not bundle the Workers: ${error.message}`));
const mf = await startStack({
  bundles,
  databaseUrl: database.url,
  wsProxy: bridge.address,
  port: PORTS.edge,
  directPorts: { "indica-ingest": PORTS.ingest, "indica-api": PORTS.api },
  persistDir: join(STATE, "state"),
  bindings: {
    "indica-redirect": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, IP_HASH_SECRET: secrets.IP_HASH_SECRET, GUARD_SHARDS: LOCAL_GUARD_SHARDS },
    "indica-ingest": { ADMIN_TOKEN: secrets.ADMIN_TOKEN, IP_HASH_SECRET: secrets.IP_HASH_SECRET, SECRETS_KEY: secrets.SECRETS_KEY },
    "indica-api": { DEFAULT_LINK_DOMAIN: LINK_DOMAIN, LINK_URL_SCHEME: "http", LINK_URL_PORT: String(PORTS.edge), JWT_SECRET: secrets.JWT_SECRET, SECRETS_KEY: secrets.SECRETS_KEY,
      // Lets a developer point a webhook at a receiver on this machine (docs/webhooks.md).
      WEBHOOK_ALLOW_LOOPBACK_HTTP: "true" },
  },
}).catch((error: Error) => {
  // workerd binds three ports; Miniflare's error names the one that was taken.
  const taken = [choices.edge, choices.ingest, choices.api].find((c) => error.message.includes(`:${c.port})`)) ?? choices.edge;
  return fail(listenFailure(taken, error));
});
cleanups.push(() => mf.dispose());
takeOverSignals();
// Webhook deliveries, automatic approval, anomaly alerts and the daily lifecycle job run on Cron Triggers.
const crons = startLocalCrons(mf, (message) => console.error(`cron: ${message}`));
cleanups.push(async () => crons.stop());

step("dashboard");
const api = `http://127.0.0.1:${PORTS.api}`;
const vite = await createViteServer({
  configFile: join(ROOT, "dashboard", "vite.config.ts"),
  server: { port: PORTS.dashboard, strictPort: true, host: "127.0.0.1", proxy: { "/v1": api, "/openapi.json": api, "/health": api } },
  logLevel: "warn",
});
cleanups.push(() => vite.close());
await vite.listen().catch((error) => fail(listenFailure(choices.dashboard, error)));
takeOverSignals();

const urls = {
  redirect: `http://${LINK_DOMAIN}:${PORTS.edge}`,
  ingest: `http://127.0.0.1:${PORTS.ingest}`,
  api,
  dashboard: `http://127.0.0.1:${PORTS.dashboard}`,
};
const linkUrl = `${urls.redirect}/${demo.code}`;
writeFileSync(
  devFile,
  JSON.stringify({ ...urls, database: { kind: database.kind, url: database.url }, adminToken: secrets.ADMIN_TOKEN, demo: { ...demo, linkUrl } }, null, 2),
);

console.log(`
Indica is running (state in .indica/, written to .indica/dev.json)

  Links (redirect)  ${urls.redirect}      edge entry, routed by host/path like production:
                                            api.localhost:${PORTS.edge} -> API, */_indica/* -> ingest
  Ingest            ${urls.ingest}
  API               ${urls.api}         reference: ${urls.api}/docs, OpenAPI: ${urls.api}/openapi.json
  Dashboard         ${urls.dashboard}
  Database          ${database.kind}: ${database.url}
  Cron Triggers     fired here each UTC minute they match: ${crons.fired.join("; ") || "none"}${crons.unreadable.length ? `\n                    not fired here (unreadable): ${crons.unreadable.join("; ")}` : ""}

  Demo link         ${linkUrl}
  Demo API key      ${demo.apiKey}
  Sign in           ${demo.people?.owner} (owner) or ${demo.people?.affiliate} (affiliate), password ${demo.people?.password}

  Try:  ${demoClickCommand(linkUrl, "\n             ")}
        (curl posing as a browser with all of a browser's headers; curl's own user agent counts as a bot,
        a bare browser user agent as a scripted click, see docs/fraud.md)
        curl -s -X POST ${urls.api}/v1/links -H "authorization: Bearer ${demo.apiKey}" \\
             -H "content-type: application/json" -d '{"campaignId":"${demo.campaignId}","affiliateId":"${demo.affiliateId}"}'

Ctrl+C stops everything.`);

