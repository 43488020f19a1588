/** A clean click on the program's link by a new visitor, stored; resolves to its click id. */
import { newId } from "../../core/ids";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { TEST_LINK_DOMAIN, waitFor, type TestStack } from "./stack";
import { BROWSER_HEADERS } from "./tracking";

export async function fakeClick(stack: TestStack, p: SeededProgram): Promise<string> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${p.code}`, { headers: { ...BROWSER_HEADERS, cookie: `indica_vid=${newId("visitor")}` } });
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 20_000, "the click");
  return clickId;
}
