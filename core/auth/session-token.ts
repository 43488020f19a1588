/**
 * Dashboard sessions: a short-lived JWT access token (HS256, signed with the API's JWT_SECRET) and an
 * opaque refresh token that is stored hashed and rotated on every use (a reused one revokes the session).
 */
import { jwtVerify, SignJWT } from "jose";
import { sha256Hex } from "../ip";
import { isRole, type Role } from "./access";

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_DAYS = 30;
const ISSUER = "indica";
const AUDIENCE = "indica-api";

export interface AccessClaims {
  userId: string;
  tenantId: string;
  sessionId: string;
  role: Role;
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signAccessToken(claims: AccessClaims, secret: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ tid: claims.tenantId, sid: claims.sessionId, role: claims.role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
    .sign(keyOf(secret));
}

/** The claims of a valid, unexpired token of ours, or null for anything else. */
export async function verifyAccessToken(token: string, secret: string, now = Date.now()): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      currentDate: new Date(now),
    });
    const { sub, tid, sid, role } = payload;
    if (typeof sub !== "string" || typeof tid !== "string" || typeof sid !== "string" || !isRole(role)) return null;
    return { userId: sub, tenantId: tid, sessionId: sid, role };
  } catch {
    return null;
  }
}

/** JWTs have three dot-separated base64url parts; API keys never contain a dot. */
export const looksLikeJwt = (token: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** `rt_<session id>.<secret>`: the session id finds the row, the secret proves possession. */
export function newRefreshToken(sessionId: string): string {
  return `rt_${sessionId}.${toHex(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export function parseRefreshToken(token: string): { sessionId: string } | null {
  const m = /^rt_([a-z]{3}_[0-9A-Z]{26})\.[0-9a-f]{64}$/.exec(token);
  return m ? { sessionId: m[1] } : null;
}

export const hashToken = (token: string): Promise<string> => sha256Hex(token);
