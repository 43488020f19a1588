/**
 * A flood is recognised only once a network passes the per-minute limit, so its first clicks went through
 * unflagged. When a batch holds clicks flagged for it, the same network's earlier clicks of the same
 * merchant in the minute before are flagged too: set-based, one statement per batch.
 */
import { sql } from "drizzle-orm";
import { FRAUD_SIGNALS } from "../../../../core/fraud";
import type { ClickEvent } from "../../../../core/schemas/click-event";
import type { Executor } from "../../../../db/client";

const REASON = "ip_velocity_minute";

export async function flagFloodPredecessors(db: Executor, clicks: ClickEvent[]): Promise<void> {
  const floods = clicks.filter((c) => c.ipHash && c.fraud.reasons.includes(REASON));
  if (floods.length === 0) return;
  const keys = [...new Map(floods.map((c) => [`${c.tenantId}|${c.ipHash}`, c])).values()].map((c) => ({
    tenant_id: c.tenantId,
    ip_hash: c.ipHash,
    // The latest flagged click of the network in this batch bounds the window.
    until: new Date(Math.max(...floods.filter((f) => f.tenantId === c.tenantId && f.ipHash === c.ipHash).map((f) => f.ts))).toISOString(),
  }));
  const keep = 1 - FRAUD_SIGNALS[REASON] / 100;
  await db.execute(sql`
    UPDATE clicks c
    SET fraud_reasons = array_append(c.fraud_reasons, ${REASON}::text),
        fraud_score = round(100 - (100 - c.fraud_score) * ${keep}::float8),
        flagged = true
    FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS f(tenant_id text, ip_hash text, until timestamptz)
    WHERE c.tenant_id = f.tenant_id AND c.ip_hash = f.ip_hash
      AND c.clicked_at BETWEEN f.until - interval '60 seconds' AND f.until
      AND NOT (${REASON}::text = ANY (c.fraud_reasons))`);
}
