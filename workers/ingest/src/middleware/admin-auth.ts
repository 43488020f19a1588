/** Operator endpoints (replay, re-attribution) take the ADMIN_TOKEN secret as a bearer token. */
import { simpleProblem, type IngestContext } from "../lib/problems";

async function sameSecret(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [da, db] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(a)), crypto.subtle.digest("SHA-256", enc.encode(b))]);
  return crypto.subtle.timingSafeEqual(da, db);
}

/** Null when the bearer token is the operator's; otherwise the 401 to answer. */
export async function requireAdmin(c: IngestContext): Promise<Response | null> {
  const given = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  if (c.env.ADMIN_TOKEN && (await sameSecret(given, c.env.ADMIN_TOKEN))) return null;
  return simpleProblem(c, "unauthorized", "A valid admin token is required.");
}

