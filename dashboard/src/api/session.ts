/**
 * The signed-in session. The access token (15 minutes) lives only in memory; the refresh token lives in
 * sessionStorage so a reload of the tab keeps the person signed in, while closing the tab ends it: a
 * 30-day credential never sits on disk (localStorage) or leaks across tabs, and the API returns it in the
 * body (not as an HttpOnly cookie), so script storage is the only choice. Refresh tokens are single use
 * (a reused one ends the session), so refreshes are single-flight.
 */
import { createSignal, type Accessor } from "solid-js";
import { createIndicaClient, type components } from "../../../sdk";
import { must, mustSucceed } from "./errors";

export type SessionUser = components["schemas"]["SessionUser"];
type SessionAnswer = components["schemas"]["Session"];
export type SignUpRequest = components["schemas"]["SignupRequest"];
export type SessionTenant = components["schemas"]["SessionTenant"];

/** Refresh this long before the access token expires, so a request never carries a dying token. */
const REFRESH_MARGIN_MS = 60_000;
export const REFRESH_KEY = "indica.refresh";

export interface SessionOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  now?: () => number;
}

export interface Session {
  user: Accessor<SessionUser | null>;
  /** `tenant` (a merchant's slug) only when the same email and password fit accounts at several merchants. */
  signIn(email: string, password: string, tenant?: string): Promise<SessionUser>;
  acceptInvite(token: string, password: string, name?: string): Promise<SessionUser>;
  /** A new merchant and its owner, signed in like signIn; answers with the owner and the new merchant. */
  signUp(body: SignUpRequest): Promise<{ user: SessionUser; tenant: SessionTenant }>;
  /** Resumes a session after a reload from the stored refresh token; null when there is none. */
  restore(): Promise<SessionUser | null>;
  signOut(): Promise<void>;
  /** For the API client: a valid access token, refreshed first when it is about to expire. */
  accessToken(): Promise<string | null>;
  /** Called when the API says 401: the session is gone (signed out elsewhere, user disabled). */
  expire(): void;
}

export function createSession(o: SessionOptions): Session {
  const storage = o.storage ?? sessionStorage;
  const now = o.now ?? Date.now;
  const auth = createIndicaClient({ baseUrl: o.baseUrl, fetch: o.fetch });
  const [user, setUser] = createSignal<SessionUser | null>(null);
  let access: { token: string; expiresAt: number } | null = null;
  let refreshing: Promise<SessionUser | null> | null = null;

  function adopt(s: SessionAnswer): SessionUser {
    access = { token: s.accessToken, expiresAt: now() + s.expiresIn * 1000 };
    storage.setItem(REFRESH_KEY, s.refreshToken);
    setUser(s.user);
    return s.user;
  }
  function clear() {
    access = null;
    storage.removeItem(REFRESH_KEY);
    setUser(null);
  }
  function refresh(): Promise<SessionUser | null> {
    refreshing ??= (async () => {
      const refreshToken = storage.getItem(REFRESH_KEY);
      if (!refreshToken) return null;
      try {
        return adopt(await must(auth.POST("/v1/auth/refresh", { body: { refreshToken } })));
      } catch {
        clear();
        return null;
      }
    })().finally(() => (refreshing = null));
    return refreshing;
  }

  return {
    user,
    signIn: async (email, password, tenant) => adopt(await must(auth.POST("/v1/auth/login", { body: { email, password, ...(tenant ? { tenant } : {}) } }))),
    acceptInvite: async (token, password, name) =>
      adopt(await must(auth.POST("/v1/auth/accept-invite", { body: { token, password, ...(name ? { name } : {}) } }))),
    async signUp(body) {
      const s = await must(auth.POST("/v1/auth/signup", { body }));
      return { user: adopt(s), tenant: s.tenant };
    },
    restore: () => refresh(),
    async signOut() {
      const token = access?.token;
      clear();
      if (token) await mustSucceed(auth.POST("/v1/auth/logout", { headers: { authorization: `Bearer ${token}` } })).catch(() => {});
    },
    async accessToken() {
      if (access && access.expiresAt - now() > REFRESH_MARGIN_MS) return access.token;
      await refresh();
      return access?.token ?? null;
    },
    expire: clear,
  };
}
