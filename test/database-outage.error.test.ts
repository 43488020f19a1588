/**
 * The database goes away while shoppers keep clicking and the consumer keeps consuming. Shoppers still get
 * their redirects (a link no cache holds gets a 503 to retry); once the database is back every click is
 * stored, once. Runs on its own cluster so that
 * stopping it does not disturb other test files.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalCluster } from "../scripts/lib/postgres";
import { startStackWithOwnDatabase, type OwnDatabaseStack } from "./helpers/own-database";
import { seedTestProgram, TEST_LINK_DOMAIN, waitFor, type TestStack } from "./helpers/stack";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

let own: OwnDatabaseStack;
let cluster: LocalCluster;
let stack: TestStack;

beforeAll(async () => {
  own = await startStackWithOwnDatabase();
  ({ stack, cluster } = own);
});

afterAll(() => own?.close());

async function click(code: string): Promise<string> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}`, { headers: { "user-agent": BROWSER } });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
}

const storedIds = async (tenantId: string) =>
  (await stack.db.query<{ id: string }>("SELECT id FROM clicks WHERE tenant_id = $1", [tenantId])).rows.map((r) => r.id);

describe("database outage", () => {
  it("loses no click while Postgres is down and duplicates none after it is back", async () => {
    const p = await seedTestProgram(stack);
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) sent.push(await click(p.code));
    await waitFor(async () => (await storedIds(p.tenantId)).length === 10, 20_000, "clicks before the outage");

    await cluster.stop("fast");
    // The link is cached at the edge, so shoppers keep being redirected while the database is down.
    for (let i = 0; i < 20; i++) sent.push(await click(p.code));
    // A link no cache has seen needs the database: the shopper is asked to retry, not shown a 500 or a 404.
    const unseen = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/unseen-${Date.now()}`, { headers: { "user-agent": BROWSER } });
    expect(unseen.status).toBe(503);
    expect(unseen.headers.get("retry-after")).toBe("5");
    // Let the consumer fail and back off a few times.
    await new Promise((r) => setTimeout(r, 4_000));
    await cluster.start();

    const stored = await waitFor(async () => {
      const ids = await storedIds(p.tenantId).catch(() => []);
      return ids.length >= sent.length && ids;
    }, 45_000, "every click after the outage");
    await new Promise((r) => setTimeout(r, 1_500));
    const final = await storedIds(p.tenantId);
    expect(final.length).toBe(stored.length);
    expect([...final].sort()).toEqual([...sent].sort());
  });
});
