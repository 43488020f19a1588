import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiHonoEnv } from "../../../env";
import { problemSchema, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemFor, problemForError } from "../../../lib/problem";
import { takeRateLimit } from "../../../lib/rate-limit";
import { acceptInvite, login, refresh } from "../../../services/sessions";
import { signup } from "../../../services/signup";
import { acceptInviteBody, loginBody, refreshBody, sessionSchema, signupBody } from "./schema";

/** Failed sign-ins allowed per email and per network in 15 minutes; a success clears the email's count. */
const LOGIN_ATTEMPTS_PER_EMAIL = 10;
const LOGIN_ATTEMPTS_PER_NETWORK = 100;
const LOGIN_WINDOW_SECONDS = 15 * 60;

const signedIn = { description: "Signed in", content: { "application/json": { schema: sessionSchema } } };

/** A problem that names merchants the caller proved the password for (`tenants`). */
const tenantsProblemSchema = problemSchema
  .extend({
    tenants: z
      .array(z.object({ slug: z.string(), name: z.string() }))
      .optional()
      .openapi({ description: "Merchants this email and password open, by slug: the one to use goes in `tenant` of `POST /v1/auth/login`" }),
  })
  .openapi("TenantsProblem");
const tenantsProblem = (description: string) => ({ description, content: { "application/problem+json": { schema: tenantsProblemSchema } } });

const loginRoute = createRoute({
  method: "post",
  path: "/v1/auth/login",
  tags: ["Auth"],
  summary: "Sign in with email and password",
  description:
    `Returns an access token (JWT, 15 minutes), a single-use refresh token (30 days) and the merchant signed in to. Attempts are limited to ${LOGIN_ATTEMPTS_PER_EMAIL} per email and ${LOGIN_ATTEMPTS_PER_NETWORK} per network in 15 minutes (429 with Retry-After).` +
    " When the email and password fit accounts at several merchants the answer is a 400 whose `tenants` lists those merchants (only the ones this password opens): send one's slug as `tenant`.",
  request: { body: { required: true, content: { "application/json": { schema: loginBody } } } },
  responses: {
    200: signedIn,
    ...standardErrors,
    400: tenantsProblem("Invalid request (`errors` lists each field); or the email and password fit several merchants: `tenants` lists them, and `errors` points at `/body/tenant`"),
  },
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
  description:
    `At most ${SIGNUPS_PER_NETWORK} accounts per network in 15 minutes; sign-ups also count against the email's sign-in attempts (${LOGIN_ATTEMPTS_PER_EMAIL} in 15 minutes). ` +
    "The answer's `tenant.slug` is the merchant's short name (made from the merchant name when `slug` is omitted), which sign-in asks for as `tenant` once the email has accounts at several merchants. " +
    "The same email and password as an existing owner is a repeated sign-up: a 409 naming that merchant in `tenants` (sign in instead); another password makes another merchant.",
  request: { body: { required: true, content: { "application/json": { schema: signupBody } } } },
  responses: {
    201: { description: "The account's owner, signed in, and the new merchant (`tenant`: id, slug, name)", content: { "application/json": { schema: sessionSchema } } },
    ...standardErrors,
    409: tenantsProblem("The slug is taken (`errors` points at `/body/slug`); or this email already owns a merchant with this password: `tenants` names it, sign in instead"),
  },
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
    // A repeated sign-up's 409 tells that a password is right, as a sign-in does: both draw on the email's attempts.
    const emailKey = `login:email:${c.req.valid("json").email.toLowerCase()}`;
    const limited = await tooManyAttempts(c, [[`signup:ip:${network}`, SIGNUPS_PER_NETWORK], [emailKey, LOGIN_ATTEMPTS_PER_EMAIL]]);
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
