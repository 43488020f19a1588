/**
 * A commission's explanation as its affiliate may read it. The explanation is written for the merchant and
 * names, on an order several affiliates touched, the others: their ids, their coupon codes, and that one of
 * them was caught referring themselves. An affiliate reading their own commission learns why it is what it
 * is, not another partner's business. Redacted when read, so explanations stored before read the same way.
 */

const AFFILIATE_ID = /aff_[0-9A-HJKMNP-TV-Z]{26}/;
/** "the coupon <code> of affiliate <id>": the code is the other affiliate's as much as the id. */
const COUPON_OF = new RegExp(`the coupon \\S+ of affiliate (${AFFILIATE_ID.source})`, "g");
const AFFILIATE = new RegExp(`affiliate (${AFFILIATE_ID.source})`, "g");

export function explanationForAffiliate(lines: readonly string[], own: string): string[] {
  return lines.map((line) =>
    line
      .replace(COUPON_OF, (whole, id: string) => (id === own ? whole : "the coupon of another affiliate"))
      .replace(AFFILIATE, (whole, id: string) => (id === own ? whole : "another affiliate")),
  );
}
