/**
 * The programs the simulation plays against, created the way a merchant creates them: sign-up, an API key,
 * account settings, campaigns, affiliates and links, all through the public API. Coupons are the exception:
 * they have no API yet (docs/roadmap.md), so they are inserted into `coupons` as the seed script does.
 */
import type pg from "pg";
import { newId } from "../../core/ids";
import { call, type Endpoints } from "./http";

export type CampaignRole = "main" | "multi";

/** What differs between the two merchants: the cookie lifetimes decide the expiry scenarios. */
export interface MerchantSpec {
  name: string;
  cookieDays: number;
  /** Commission of each campaign in basis points; odd rates exercise half-to-even rounding. */
  bp: Record<CampaignRole, number>;
  multiModel: { kind: "position_based"; first: number; last: number } | { kind: "linear" };
}

export const MERCHANTS: MerchantSpec[] = [
  { name: "Loja Sol", cookieDays: 7, bp: { main: 1000, multi: 800 }, multiModel: { kind: "position_based", first: 40, last: 40 } },
  { name: "Loja Lua", cookieDays: 1, bp: { main: 1250, multi: 750 }, multiModel: { kind: "linear" } },
];

export const AFFILIATES_PER_MERCHANT = 6;
/** Renewals earn for this many months (the recurring scenario stays inside it). */
export const RECURRING_MONTHS = 12;

export interface Affiliate {
  id: string;
  email: string;
  coupon: string;
  /** Link code per campaign role. */
  codes: Record<CampaignRole, string>;
}

export interface Merchant {
  spec: MerchantSpec;
  tenantId: string;
  apiKey: string;
  campaigns: Record<CampaignRole, string>;
  affiliates: Affiliate[];
}

export async function createMerchant(ep: Endpoints, db: pg.Pool, spec: MerchantSpec, runTag: string, landingUrl: string): Promise<Merchant> {
  const slug = `${spec.name.toLowerCase().replace(/\W+/g, "-")}-${runTag}`;
  const session = await call<{ accessToken: string; user: { tenantId: string } }>(`${ep.api}/v1/auth/signup`, {
    body: { merchantName: spec.name, slug, email: `dona@${slug}.example`, password: "sim-password-123", defaultCurrency: "BRL" },
  });
  const owner = session.accessToken;
  // No scopes: a full-access key of this merchant, as a merchant's own server would hold.
  const { key: apiKey } = await call<{ key: string }>(`${ep.api}/v1/api-keys`, { token: owner, body: { name: "sim server" } });
  await call(`${ep.api}/v1/tenant`, { method: "PATCH", token: apiKey, body: { clickCookieDays: spec.cookieDays } });
  const campaigns = {} as Record<CampaignRole, string>;
  for (const role of ["main", "multi"] as const) {
    const c = await call<{ id: string }>(`${ep.api}/v1/campaigns`, {
      token: apiKey,
      body: {
        name: `${spec.name} ${role}`,
        destinationUrl: landingUrl,
        attributionWindowDays: 30,
        cookieLifetimeDays: spec.cookieDays,
        attributionModel: role === "main" ? { kind: "last_click" } : spec.multiModel,
        commissionRules: { base: { type: "percentage", bp: spec.bp[role] }, recurringMonths: RECURRING_MONTHS },
      },
    });
    campaigns[role] = c.id;
  }
  const affiliates: Affiliate[] = [];
  for (let i = 1; i <= AFFILIATES_PER_MERCHANT; i++) {
    const email = `afiliado${i}@${slug}.example`;
    const a = await call<{ id: string }>(`${ep.api}/v1/affiliates`, { token: apiKey, body: { name: `Afiliado ${i}`, email, status: "active" } });
    const codes = {} as Record<CampaignRole, string>;
    for (const role of ["main", "multi"] as const) {
      const code = `${slug}-a${i}-${role}`;
      await call(`${ep.api}/v1/links`, { token: apiKey, body: { campaignId: campaigns[role], affiliateId: a.id, code } });
      codes[role] = code;
    }
    const coupon = `A${i}${runTag.slice(-4)}`.toUpperCase();
    // No coupon API yet: the one direct write of the setup.
    await db.query("INSERT INTO coupons (id, tenant_id, code, affiliate_id, campaign_id) VALUES ($1, $2, $3, $4, $5)", [newId("coupon"), session.user.tenantId, coupon, a.id, campaigns.main]);
    affiliates.push({ id: a.id, email, coupon, codes });
  }
  return { spec, tenantId: session.user.tenantId, apiKey, campaigns, affiliates };
}
