/**
 * The batch's `consent` field and whether the script may store anything. Global Privacy Control always
 * wins, even over an explicit grant, because it is the shopper's own browser-wide choice.
 */
import type { Consent } from "./types";

export type Choice = "granted" | "denied" | undefined;

export function consentState(required: boolean, choice: Choice, gpc: boolean): Consent {
  if (gpc || choice == "denied") return "denied";
  return choice == "granted" || !required ? "granted" : "unknown";
}

/**
 * What the batch tells the server: "granted" only for an explicit grant. Whether the merchant requires
 * consent is the server's to know (the site's settings), not the snippet's: a tag missing
 * data-consent="required" must not turn "no choice yet" into "granted".
 */
export function reportedConsent(choice: Choice, gpc: boolean): Consent {
  return gpc || choice == "denied" ? "denied" : choice == "granted" ? "granted" : "unknown";
}
