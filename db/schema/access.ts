import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name"),
    /** owner | admin | analyst | affiliate_manager | affiliate */
    role: text("role").notNull(),
    passwordHash: text("password_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_tenant_email_key").on(t.tenantId, t.email)],
);

/** API keys are stored as SHA-256 hashes: a leaked database does not leak usable keys. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** First characters of the key, shown in listings so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    scopes: text("scopes").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    // Every authenticated request looks a key up by its hash.
    uniqueIndex("api_keys_key_hash_key").on(t.keyHash),
    index("api_keys_tenant_idx").on(t.tenantId),
  ],
);

/**
 * Secrets for signed server-to-server requests (HMAC). Unlike API keys they must be readable to verify a
 * signature, so they are stored sealed with AES-GCM under a Worker secret (core/secret-box.ts).
 */
export const signingSecrets = pgTable(
  "signing_secrets",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    sealedSecret: text("sealed_secret").notNull(),
    scopes: text("scopes").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("signing_secrets_tenant_idx").on(t.tenantId)],
);
