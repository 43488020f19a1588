/**
 * `npm run replay:failed [-- --id fev_... --limit N]`: puts parked events back on the queue through the
 * ingest Worker of the running local stack (.indica/dev.json), or of INGEST_URL with ADMIN_TOKEN.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { id: { type: "string", multiple: true }, limit: { type: "string" } } });
const dev = existsSync(".indica/dev.json") ? (JSON.parse(readFileSync(".indica/dev.json", "utf8")) as { ingest: string; adminToken: string }) : null;
const ingest = process.env.INGEST_URL ?? dev?.ingest;
const token = process.env.ADMIN_TOKEN ?? dev?.adminToken;
if (!ingest || !token) {
  console.error("Start the stack with `npm start`, or set INGEST_URL and ADMIN_TOKEN.");
  process.exit(2);
}
const res = await fetch(`${ingest}/admin/failed-events/replay`, {
  method: "POST",
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify({ ids: values.id, limit: values.limit ? Number(values.limit) : undefined }),
});
const body = await res.text();
if (!res.ok) {
  console.error(`replay failed (${res.status}): ${body}`);
  process.exit(1);
}
console.log(`replayed ${(JSON.parse(body) as { replayed: number }).replayed} event(s)`);
