/**
 * The identity fallback chain (docs/tracking.md): which identifier ties an order to a shopper's click,
 * in order of trust. The first step that yields something wins; each later step exists for the cases
 * where the earlier ones were blocked, cleared or never set.
 */
export const IDENTITY_STEPS = ["cookie", "local_storage", "url", "s2s_click_id", "coupon", "identity"] as const;
export type IdentitySource = (typeof IDENTITY_STEPS)[number];

export interface IdentityCandidates {
  /** The server-set first-party click cookie that came with the browser's call. */
  cookieClickId?: string | null;
  localStorageClickId?: string | null;
  urlClickId?: string | null;
  /** The click id the merchant's server sent with the order. */
  s2sClickId?: string | null;
  /** The affiliate that owns the coupon used on the order. */
  couponAffiliateId?: string | null;
  /** The latest click of the same visitor, or of a visitor with the same hashed email / customer id. */
  identityClick?: { clickId: string; affiliateId: string } | null;
}

export interface IdentityMatch {
  source: IdentitySource;
  clickId: string | null;
  affiliateId: string | null;
}

/** `affiliateOfClick` tells the affiliate of a stored click; a click not stored (yet) keeps a null affiliate. */
export function resolveIdentity(c: IdentityCandidates, affiliateOfClick: (clickId: string) => string | null): IdentityMatch | null {
  const byClick: [IdentitySource, string | null | undefined][] = [
    ["cookie", c.cookieClickId],
    ["local_storage", c.localStorageClickId],
    ["url", c.urlClickId],
    ["s2s_click_id", c.s2sClickId],
  ];
  for (const [source, clickId] of byClick) {
    if (clickId) return { source, clickId, affiliateId: affiliateOfClick(clickId) };
  }
  if (c.couponAffiliateId) return { source: "coupon", clickId: null, affiliateId: c.couponAffiliateId };
  if (c.identityClick) return { source: "identity", ...c.identityClick };
  return null;
}
