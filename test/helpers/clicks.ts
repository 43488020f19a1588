/** Clicks through the real redirect, awaited until stored; each resolves to its click id. */
import { newId } from "../../core/ids";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { TEST_LINK_DOMAIN, waitFor, type TestStack } from "./stack";
import { BROWSER_HEADERS } from "./tracking";

/** A browser's click on link `code` with the given Cookie header (a visitor id keeps the shopper the same). */
export async function storedClick(stack: TestStack, code: string, cookie: string): Promise<string> {
  const res = await stack.fetch("indica-redirect", `https://${TEST_LINK_DOMAIN}/${code}`, { headers: { ...BROWSER_HEADERS, cookie } });
  const clickId = new URL(res.headers.get("location")!).searchParams.get("indica_cid")!;
  await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 20_000, "the click");
  return clickId;
}

/** A clean click on the program's link by a new visitor. */
export const fakeClick = (stack: TestStack, p: SeededProgram): Promise<string> => storedClick(stack, p.code, `indica_vid=${newId("visitor")}`);
