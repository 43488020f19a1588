/**
 * Dev/test tooling: creates a merchant with one campaign, one affiliate, one link and an API key,
 * directly in Postgres. `npm start` seeds the demo merchant with it; tests make throwaway tenants.
 */
import type pg from "pg";
import { apiKeyPrefix, generateApiKey, hashApiKey } from "../../core/api-key";
import { hashPassword } from "../../core/auth/password";
import { newId } from "../../core/ids";
import { seal } from "../../core/secret-box";
import { generateSigningSecret } from "../../core/signing-secret";

export interface ProgramOptions {
  slug: string;
  name?: string;
  linkDomain: string;
  code?: string;
  destinationUrl?: string;
  apiKey?: string;
  cookieDomain?: string | null;
  fallbackUrl?: string | null;
  /** Registers linkDomain as the merchant's own link domain (not the shared one). */
  ownDomain?: boolean;
  cookieLifetimeDays?: number;
  subIds?: Record<string, string>;
  /** With the Workers' SECRETS_KEY, also creates a signing secret for signed server-to-server calls. */
  secretsKey?: string;
  /** Also creates two people who can sign in with this password: the owner and the affiliate's own user. */
  password?: string;
}

export interface SeededProgram {
  tenantId: string;
  campaignId: string;
  affiliateId: string;
  linkId: string;
  code: string;
  linkDomain: string;
  apiKey: string;
  destinationUrl: string;
  signing: { keyId: string; secret: string } | null;
  /** Emails of the owner and affiliate users, when a password was given. */
  people: { owner: string; affiliate: string; password: string } | null;
}

export async function seedProgram(db: pg.ClientBase | pg.Pool, o: ProgramOptions): Promise<SeededProgram> {
  const existing = await db.query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [o.slug]);
  const tenantId = existing.rows[0]?.id ?? newId("tenant");
  const destinationUrl = o.destinationUrl ?? "https://loja.example/produtos?utm_source=indica&utm_medium=affiliate";
  const code = o.code ?? "demo";
  if (!existing.rows[0]) {
    await db.query("INSERT INTO tenants (id, name, slug, cookie_domain, fallback_url) VALUES ($1, $2, $3, $4, $5)", [
      tenantId, o.name ?? o.slug, o.slug, o.cookieDomain ?? null, o.fallbackUrl ?? null,
    ]);
    if (o.ownDomain) {
      await db.query("INSERT INTO domains (id, tenant_id, hostname, is_link_domain, verified_at) VALUES ($1, $2, $3, true, now())", [
        newId("domain"), tenantId, o.linkDomain,
      ]);
    }
  }

  const campaignId = await firstOrInsert(db, "SELECT id FROM campaigns WHERE tenant_id = $1 ORDER BY created_at LIMIT 1", [tenantId], async () => {
    const id = newId("campaign");
    await db.query(
      "INSERT INTO campaigns (id, tenant_id, name, destination_url, cookie_lifetime_days) VALUES ($1, $2, $3, $4, $5)",
      [id, tenantId, "Campanha de lançamento", destinationUrl, o.cookieLifetimeDays ?? 30],
    );
    return id;
  });
  const affiliateId = await firstOrInsert(db, "SELECT id FROM affiliates WHERE tenant_id = $1 ORDER BY created_at LIMIT 1", [tenantId], async () => {
    const id = newId("affiliate");
    await db.query("INSERT INTO affiliates (id, tenant_id, name, email) VALUES ($1, $2, $3, $4)", [id, tenantId, "Maria Souza", `maria+${o.slug}@example.com`]);
    return id;
  });
  await db.query(
    "INSERT INTO campaign_memberships (tenant_id, campaign_id, affiliate_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    [tenantId, campaignId, affiliateId],
  );
  const linkId = await firstOrInsert(db, "SELECT id FROM links WHERE lower(domain) = lower($1) AND lower(code) = lower($2)", [o.linkDomain, code], async () => {
    const id = newId("link");
    await db.query(
      "INSERT INTO links (id, tenant_id, campaign_id, affiliate_id, domain, code, destination_url, sub_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      [id, tenantId, campaignId, affiliateId, o.linkDomain.toLowerCase(), code, destinationUrl, JSON.stringify(o.subIds ?? {})],
    );
    return id;
  });

  // Keys are stored hashed; a key passed in (the one dev.json remembers) is registered again if missing.
  const apiKey = o.apiKey ?? generateApiKey();
  await db.query(
    `INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash) SELECT $1, $2, $3, $4, $5
     WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE key_hash = $5)`,
    [newId("apiKey"), tenantId, "Demo key", apiKeyPrefix(apiKey), await hashApiKey(apiKey)],
  );
  const signing = o.secretsKey ? await createSigningSecret(db, tenantId, o.secretsKey) : null;
  const people = o.password ? await createPeople(db, tenantId, affiliateId, o.slug, o.password) : null;
  return { tenantId, campaignId, affiliateId, linkId, code, linkDomain: o.linkDomain.toLowerCase(), apiKey, destinationUrl, signing, people };
}

async function createSigningSecret(db: pg.ClientBase | pg.Pool, tenantId: string, secretsKey: string) {
  const keyId = newId("signingSecret");
  const secret = generateSigningSecret();
  await db.query("INSERT INTO signing_secrets (id, tenant_id, sealed_secret) VALUES ($1, $2, $3)", [keyId, tenantId, await seal(secret, secretsKey)]);
  return { keyId, secret };
}

async function createPeople(db: pg.ClientBase | pg.Pool, tenantId: string, affiliateId: string, slug: string, password: string) {
  const people = { owner: `dona@${slug}.example`, affiliate: `maria@${slug}.example`, password };
  const passwordHash = await hashPassword(password);
  for (const [email, role, affiliate] of [[people.owner, "owner", null], [people.affiliate, "affiliate", affiliateId]] as const) {
    await db.query(
      `INSERT INTO users (id, tenant_id, email, name, role, password_hash, affiliate_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, lower(email)) DO NOTHING`,
      [newId("user"), tenantId, email, role === "owner" ? "Dona da loja" : "Maria Souza", role, passwordHash, affiliate],
    );
  }
  return people;
}

async function firstOrInsert(db: pg.ClientBase | pg.Pool, select: string, params: unknown[], insert: () => Promise<string>): Promise<string> {
  const found = await db.query<{ id: string }>(select, params);
  return found.rows[0]?.id ?? insert();
}
