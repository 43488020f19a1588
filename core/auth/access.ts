/**
 * Who may do what. Permissions are a closed set of `resource:read|write`; roles grant a fixed subset, and
 * API keys carry permissions as scopes (a key with no scopes is a full-access key of its merchant).
 * Affiliate users additionally see only rows of their own affiliate (see `affiliateScope`).
 */
export const ROLES = ["owner", "admin", "analyst", "affiliate_manager", "affiliate"] as const;
export type Role = (typeof ROLES)[number];

export const RESOURCES = [
  "tenant",
  "users",
  "api_keys",
  "campaigns",
  "affiliates",
  "links",
  "conversions",
  "commissions",
  "payouts",
  "fraud",
  "reports",
  "webhooks",
  "fx_rates",
  // Shoppers' data-subject requests, consent records and retention: owners and admins only.
  "privacy",
] as const;
export type Resource = (typeof RESOURCES)[number];
export type Permission = `${Resource}:${"read" | "write"}`;

export const PERMISSIONS: readonly Permission[] = RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`] as Permission[]);

const reads = (...resources: Resource[]): Permission[] => resources.map((r) => `${r}:read` as const);
const writes = (...resources: Resource[]): Permission[] => resources.map((r) => `${r}:write` as const);

const MERCHANT_DATA: Resource[] = ["campaigns", "affiliates", "links", "conversions", "commissions", "payouts", "fraud", "reports", "fx_rates"];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(PERMISSIONS),
  // Admins run everything; the users service keeps them from demoting or removing owners.
  admin: new Set(PERMISSIONS),
  // Read-only insight: no user list, keys or webhook secrets.
  analyst: new Set(reads(...MERCHANT_DATA, "tenant")),
  // Runs the affiliate program day to day; no keys, users, webhooks or money settings.
  affiliate_manager: new Set([...reads(...MERCHANT_DATA, "tenant"), ...writes("affiliates", "links", "commissions", "fraud", "conversions")]),
  // Their own profile, links (and making new ones) and results; every read is narrowed to their affiliate.
  affiliate: new Set([...reads("campaigns", "affiliates", "links", "conversions", "commissions", "payouts", "reports"), ...writes("links")]),
};

export type Principal =
  | { kind: "api_key"; tenantId: string; keyId: string; scopes: string[] }
  | { kind: "user"; tenantId: string; userId: string; sessionId: string; role: Role; affiliateId: string | null };

export function can(principal: Principal, permission: Permission): boolean {
  if (principal.kind === "api_key") return principal.scopes.length === 0 || principal.scopes.includes(permission);
  return ROLE_PERMISSIONS[principal.role].has(permission);
}

/** The affiliate whose rows alone this principal may see, or null for merchant-wide access. */
export function affiliateScope(principal: Principal): string | null {
  return principal.kind === "user" && principal.role === "affiliate" ? principal.affiliateId ?? "none" : null;
}

/** Who did it, for audit columns: the key or the user. */
export function actorOf(principal: Principal): string {
  return principal.kind === "api_key" ? principal.keyId : principal.userId;
}

export const isRole = (value: unknown): value is Role => typeof value === "string" && (ROLES as readonly string[]).includes(value);
export const isPermission = (value: unknown): value is Permission => typeof value === "string" && (PERMISSIONS as readonly string[]).includes(value);
