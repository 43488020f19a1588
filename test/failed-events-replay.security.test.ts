/**
 * POST /v1/failed-events/replay is the merchant's and strictly tenant-scoped: another tenant's ids are
 * neither replayed nor told apart from unknown ones, refused platform webhooks stay records, and affiliate
 * users and read-only keys are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import type { SeededProgram } from "../scripts/lib/seed-program";
import { callApi, createApiKey, expectProblem, jsonOf } from "./helpers/api";
import { tokenFor } from "./helpers/auth";
import { clickEvent } from "./helpers/events";
import { seedTestProgram, startTestStack, type TestStack } from "./helpers/stack";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(() => stack?.close());

/** A parked row as the consumer writes it; the payload is a valid click, harmless if ever replayed. */
async function parked(p: SeededProgram, source = "queue:indica-events-dlq"): Promise<string> {
  const id = newId("failedEvent");
  const event = clickEvent(p);
  await stack.db.query("INSERT INTO failed_events (id, tenant_id, source, event_type, event_id, payload, reason) VALUES ($1, $2, $3, 'click', $4, $5, 'retries exhausted')", [
    id, p.tenantId, source, event.id, JSON.stringify(event),
  ]);
  return id;
}
const replayedAt = async (id: string) => (await stack.db.query("SELECT replayed_at FROM failed_events WHERE id = $1", [id])).rows[0].replayed_at;
const replay = (key: string, body: unknown) => callApi(stack, "POST", "/v1/failed-events/replay", { key, body });

describe("replay is tenant-scoped", () => {
  it("another tenant's ids are not replayed and are reported as not_found, like unknown ones", async () => {
    const mine = await seedTestProgram(stack);
    const theirs = await seedTestProgram(stack);
    const own = await parked(mine);
    const other = await parked(theirs);
    const unknown = newId("failedEvent");
    const res = await jsonOf(await replay(mine.apiKey, { ids: [own, other, unknown] }));
    expect(res).toEqual({ replayed: 1, ids: [own], skipped: [{ id: other, reason: "not_found" }, { id: unknown, reason: "not_found" }] });
    expect(await replayedAt(other)).toBeNull();
  });

  it("replaying everything pending touches only the caller's rows", async () => {
    const mine = await seedTestProgram(stack);
    const theirs = await seedTestProgram(stack);
    const own = await parked(mine);
    const other = await parked(theirs);
    expect(await jsonOf(await replay(mine.apiKey, {}))).toEqual({ replayed: 1, ids: [own], skipped: [] });
    expect(await replayedAt(other)).toBeNull();
  });

  it("an empty list of ids replays nothing (not everything)", async () => {
    const p = await seedTestProgram(stack);
    const id = await parked(p);
    expect(await jsonOf(await replay(p.apiKey, { ids: [] }))).toEqual({ replayed: 0, ids: [], skipped: [] });
    expect(await replayedAt(id)).toBeNull();
  });

  it("a refused platform webhook stays a record: not_replayable", async () => {
    const p = await seedTestProgram(stack);
    const record = await parked(p, "integration:shopify");
    expect(await jsonOf(await replay(p.apiKey, { ids: [record] }))).toEqual({ replayed: 0, ids: [], skipped: [{ id: record, reason: "not_replayable" }] });
    expect(await replayedAt(record)).toBeNull();
  });
});

describe("who may replay", () => {
  it("affiliate users, read-only keys and analysts get 403; nothing is replayed", async () => {
    const p = await seedTestProgram(stack);
    const id = await parked(p);
    const affiliate = await tokenFor(stack, p.tenantId, "affiliate", { affiliateId: p.affiliateId });
    const readOnly = await createApiKey(stack, p.tenantId, { scopes: ["conversions:read"] });
    const analyst = await tokenFor(stack, p.tenantId, "analyst");
    for (const key of [affiliate, readOnly.key, analyst]) await expectProblem(await replay(key, { ids: [id] }), 403, "forbidden");
    await expectProblem(await replay("", { ids: [id] }), 401, "unauthorized");
    expect(await replayedAt(id)).toBeNull();
  });

  it("a key scoped to conversions:write may replay", async () => {
    const p = await seedTestProgram(stack);
    const id = await parked(p);
    const writer = await createApiKey(stack, p.tenantId, { scopes: ["conversions:write"] });
    expect(await jsonOf(await replay(writer.key, { ids: [id] }))).toMatchObject({ replayed: 1, ids: [id] });
  });
});
