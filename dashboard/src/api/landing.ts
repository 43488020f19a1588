/** Where a person lands once signed in, shared by sign-in and sign-up so both send people to the same place. */
import type { SessionUser } from "./session";

/**
 * `next` (from `?next=`) only when it is a path of this app: an open redirect would be a phishing aid.
 * `//host` and `/\host` are other sites to a browser (it reads a backslash as a slash), so neither counts.
 */
export function landingPath(user: Pick<SessionUser, "role">, next?: string): string {
  if (next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")) return next;
  return user.role === "affiliate" ? "/portal" : "/overview";
}
