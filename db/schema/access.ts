import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { idText } from "./id-text";

export const users = pgTable(
  "users",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name"),
    /** owner | admin | analyst | affiliate_manager | affiliate */
    role: text("role").notNull(),
    passwordHash: idText("password_hash"),
    /** For role `affiliate`: the affiliate whose data alone this user sees. */
    affiliateId: idText("affiliate_id"),
    /** active | disabled: a disabled user cannot sign in and its sessions stop working at once. */
    status: text("status").notNull().default("active"),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    /** SHA-256 of the one-time invite token (shown once); cleared when the invite is accepted. */
    inviteHash: idText("invite_hash"),
    inviteExpiresAt: timestamp("invite_expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_tenant_email_key").on(t.tenantId, sql`lower(${t.email})`),
    index("users_email_idx").on(sql`lower(${t.email})`),
    uniqueIndex("users_invite_key").on(t.inviteHash),
  ],
);

/**
 * Dashboard sign-ins. The refresh token is stored as a hash and rotated on each use; presenting an old
 * one again (a stolen copy) revokes the whole session.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    userId: idText("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    refreshHash: idText("refresh_hash").notNull(),
    /** The previous refresh token's hash: seeing it again means a copy is in someone else's hands. */
    previousRefreshHash: idText("previous_refresh_hash"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_idx").on(t.tenantId, t.userId)],
);

/**
 * Responses to POSTs sent with an `Idempotency-Key`, kept 24 hours: a retried request gets the first
 * answer again instead of doing the work twice. Scoped by tenant and caller.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    actor: text("actor").notNull(),
    key: idText("key").notNull(),
    /** SHA-256 of method, path and body: the same key with a different request is a conflict. */
    requestHash: idText("request_hash").notNull(),
    status: integer("status"),
    responseBody: text("response_body"),
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.actor, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/** API keys are stored as SHA-256 hashes: a leaked database does not leak usable keys. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** First characters of the key, shown in listings so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: idText("key_hash").notNull(),
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
    id: idText("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    sealedSecret: text("sealed_secret").notNull(),
    scopes: text("scopes").array().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("signing_secrets_tenant_idx").on(t.tenantId)],
);
