import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiHonoEnv } from "../../../env";
import { conflictError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemForError } from "../../../lib/problem";
import { problemFor } from "../../../lib/problem";
import { takeRateLimit } from "../../../lib/rate-limit";
import { acceptInvite, login, refresh } from "../../../services/sessions";
import { signup } from "../../../services/signup";
import { acceptInviteBody, loginBody, refreshBody, sessionSchema, signupBody } from "./schema";

/** Failed sign-ins allowed per email and per network in 15 minutes; a success clears the email's count. */
const LOGIN_ATTEMPTS_PER_EMAIL = 10;
const LOGIN_ATTEMPTS_PER_NETWORK = 100;
const LOGIN_WINDOW_SECONDS = 15 * 60;

const signedIn = { description: "Signed in", content: { "application/json": { schema: sessionSchema } } };

const loginRoute = createRoute({
  method: "post",
  path: "/v1/auth/login",
  tags: ["Auth"],
  summary: "Sign in with email and password",
  description: `Returns an access token (JWT, 15 minutes) and a single-use refresh token (30 days). Attempts are limited to ${LOGIN_ATTEMPTS_PER_EMAIL} per email and ${LOGIN_ATTEMPTS_PER_NETWORK} per network in 15 minutes (429 with Retry-After).`,
  request: { body: { required: true, content: { "application/json": { schema: loginBody } } } },
  responses: { 200: signedIn, ...standardErrors },
});

const refreshRoute = createRoute({
  method: "post",
  path: "/v1/auth/refresh",
  tags: ["Auth"],
  summary: "Trade a refresh token for new tokens",
  request: { body: { required: true, content: { "application/json": { schema: refreshBody } } } },
  responses: { 200: signedIn, ...standardErrors },
});

const acceptInviteRoute = createRoute({
  method: "post",
  path: "/v1/auth/accept-invite",
  tags: ["Auth"],
  summary: "Accept an invite: choose a password and sign in",
  request: { body: { required: true, content: { "application/json": { schema: acceptInviteBody } } } },
  responses: { 200: signedIn, ...standardErrors, ...unprocessableError },
});

const SIGNUPS_PER_NETWORK = 20;

const signupRoute = createRoute({
  method: "post",
  path: "/v1/auth/signup",
  tags: ["Auth"],
  summary: "Create a merchant account and its owner, signed in",
  description: `At most ${SIGNUPS_PER_NETWORK} accounts per network in 15 minutes.`,
  request: { body: { required: true, content: { "application/json": { schema: signupBody } } } },
  responses: { 201: { description: "The account's owner, signed in", content: { "application/json": { schema: sessionSchema } } }, ...standardErrors, ...conflictError },
});

async function tooManyAttempts(c: Context<ApiHonoEnv>, keys: [string, number][]) {
  for (const [key, limit] of keys) {
    const outcome = await takeRateLimit(c.env, key, limit, LOGIN_WINDOW_SECONDS);
    if (outcome && !outcome.allowed) {
      c.header("retry-after", String(outcome.resetSeconds));
      return problemFor(c, "rate_limited", { detail: `Too many sign-in attempts; try again in ${Math.ceil(outcome.resetSeconds / 60)} min.` });
    }
  }
  return null;
}

export function registerSessions(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(loginRoute, async (c) => {
    const input = c.req.valid("json");
    const emailKey = `login:email:${input.email.toLowerCase()}`;
    const network = c.req.header("cf-connecting-ip") ?? "unknown";
    const limited = await tooManyAttempts(c, [[emailKey, LOGIN_ATTEMPTS_PER_EMAIL], [`login:ip:${network}`, LOGIN_ATTEMPTS_PER_NETWORK]]);
    if (limited) return limited;
    const result = await login(c.get("database").db, input, c.env.JWT_SECRET, c.req.header("user-agent") ?? null);
    if (!result.ok) return problemForError(c, result.error);
    c.executionCtx.waitUntil(c.env.RATE_LIMITER.getByName(emailKey).reset().catch(() => {}));
    return c.json(result.value, 200, { "cache-control": "no-store" });
  });

  app.openapi(signupRoute, async (c) => {
    const network = c.req.header("cf-connecting-ip") ?? "unknown";
    const limited = await tooManyAttempts(c, [[`signup:ip:${network}`, SIGNUPS_PER_NETWORK]]);
    if (limited) return limited;
    const result = await signup(c.get("database").db, c.req.valid("json"), c.env.JWT_SECRET, c.req.header("user-agent") ?? null);
    if (!result.ok) return problemForError(c, result.error);
    return c.json(result.value, 201, { "cache-control": "no-store" });
  });

  app.openapi(refreshRoute, async (c) => {
    const result = await refresh(c.get("database").db, c.req.valid("json").refreshToken, c.env.JWT_SECRET);
    if (!result.ok) return problemFor(c, result.error.code, { detail: result.error.detail });
    return c.json(result.value, 200, { "cache-control": "no-store" });
  });

  app.openapi(acceptInviteRoute, async (c) => {
    const network = c.req.header("cf-connecting-ip") ?? "unknown";
    const limited = await tooManyAttempts(c, [[`invite:ip:${network}`, LOGIN_ATTEMPTS_PER_NETWORK]]);
    if (limited) return limited;
    const { token, password, name } = c.req.valid("json");
    const result = await acceptInvite(c.get("database").db, token, password, name, c.env.JWT_SECRET, c.req.header("user-agent") ?? null);
    if (!result.ok) return problemForError(c, result.error);
    return c.json(result.value, 200, { "cache-control": "no-store" });
  });
}
