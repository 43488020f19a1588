/**
 * `npm run reattribute -- --tenant tnt_... [--campaign cmp_...] [--since 2026-11-01T00:00:00Z]`: after a change
 * of commission rules, conflict rules or attribution model, recomputes the still-pending commissions under the
 * campaign's current ones (create-commissions.ts reads them with the campaign), page by page, through
 * the ingest Worker of the local stack (.indica/dev.json) or of INGEST_URL with ADMIN_TOKEN.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { tenant: { type: "string" }, campaign: { type: "string" }, since: { type: "string" } } });
const dev = existsSync(".indica/dev.json") ? (JSON.parse(readFileSync(".indica/dev.json", "utf8")) as { ingest: string; adminToken: string }) : null;
const ingest = process.env.INGEST_URL ?? dev?.ingest;
const token = process.env.ADMIN_TOKEN ?? dev?.adminToken;
if (!ingest || !token || !values.tenant) {
  console.error("Usage: npm run reattribute -- --tenant tnt_... [--campaign cmp_...] [--since ISO date] (with `npm start` running, or INGEST_URL and ADMIN_TOKEN set)");
  process.exit(2);
}
let total = 0;
let skipped = 0;
// Each page answers the cursor of the next (the last conversion id it looked at): re-attributed orders are
// pending again, so only the cursor moves past them.
let cursor: string | null = null;
for (;;) {
  const res = await fetch(`${ingest}/admin/reattribute`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ tenantId: values.tenant, campaignId: values.campaign, since: values.since, cursor: cursor ?? undefined }),
  });
  const body = await res.text();
  if (!res.ok) {
    console.error(`re-attribution failed (${res.status}): ${body}`);
    process.exit(1);
  }
  const page = JSON.parse(body) as { reattributed: number; skipped: number; cursor: string | null; more: boolean };
  total += page.reattributed;
  skipped += page.skipped;
  if (!page.more || !page.cursor) break;
  cursor = page.cursor;
}
console.log(`re-attributed ${total} order(s)${skipped > 0 ? `; ${skipped} left as they are (a commission already decided)` : ""}`);
