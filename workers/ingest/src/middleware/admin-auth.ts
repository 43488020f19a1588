/** Operator endpoints (replay, re-attribution) take the ADMIN_TOKEN secret as a bearer token. */
import { problem, problemResponse } from "../../../../core/problem";

async function sameSecret(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [da, db] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(a)), crypto.subtle.digest("SHA-256", enc.encode(b))]);
  return crypto.subtle.timingSafeEqual(da, db);
}

/** Null when the bearer token is the operator's; otherwise the 401 to answer. */
export async function requireAdmin(env: { ADMIN_TOKEN?: string }, authorization: string | undefined): Promise<Response | null> {
  const given = authorization?.replace(/^Bearer\s+/i, "") ?? "";
  if (env.ADMIN_TOKEN && (await sameSecret(given, env.ADMIN_TOKEN))) return null;
  return problemResponse(problem("unauthorized", { detail: "A valid admin token is required." }));
}

