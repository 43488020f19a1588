import { isbot } from "isbot";
import { memoize } from "./memo";

/** A missing user agent is a script, not a shopper; otherwise the isbot patterns decide. */
export function isBotUserAgent(userAgent: string | null | undefined): boolean {
  return !userAgent || isbotRemembered(userAgent);
}

// isbot runs one large regex; the redirect asks twice per click (whether to track, then the fraud signals).
const isbotRemembered = memoize(isbot, 1_000);
