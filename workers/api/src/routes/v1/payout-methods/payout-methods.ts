/**
 * An affiliate's payout methods (PIX key, PayPal email, Stripe account, bank account), sealed at rest and
 * shown only as hints. Merchants with `payouts:write` set them for anyone; affiliate users for themselves.
 */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import { affiliateScope, can } from "../../../../../../core/auth/access";
import { isId, newId } from "../../../../../../core/ids";
import { bankDetailsSchema, hintOf, paypalDetailsSchema, pixDetailsSchema, stripeConnectDetailsSchema } from "../../../../../../core/payouts/details";
import { seal } from "../../../../../../core/secret-box";
import { affiliates, payoutMethods } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, notFoundError, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { strictBody } from "../../../lib/strict-body";
import { authenticate } from "../../../middleware/authenticate";

const params = z.object({ id: z.string().refine((v) => isId("affiliate", v), "expected an affiliate id (aff_...)").openapi({ param: { name: "id", in: "path" }, example: "aff_01JB8Z5Q3X0000000000000000" }) });
export const methodSchema = z.object({ kind: z.enum(["pix", "paypal", "stripe_connect", "bank"]), hint: z.string(), updatedAt: z.string() }).openapi("PayoutMethod");
const listSchema = z.object({ items: z.array(methodSchema) }).openapi("PayoutMethodList");
// The core schemas (shared with the payout senders, which read stored details) keep unknown keys out by
// dropping them; what a caller sends is refused instead, so a misspelt `holdername` is not lost.
const body = z
  .discriminatedUnion("kind", [strictBody(pixDetailsSchema.shape), strictBody(paypalDetailsSchema.shape), strictBody(stripeConnectDetailsSchema.shape), strictBody(bankDetailsSchema.shape)])
  .openapi("PayoutDetails", { description: "One of: pix {keyType, key, holderName?}, paypal {email}, stripe_connect {accountId}, bank {bankCode, branch, account, holderName, holderDocument}" });

const put = createRoute({
  method: "put", path: "/v1/affiliates/{id}/payout-methods", tags: ["Payouts"], security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:read" })] as const,
  summary: "Set a payout method (replaces the affiliate's method of that kind)",
  description: "Needs `payouts:write`, except affiliate users setting their own. The details are encrypted; only a hint is ever shown.",
  request: { params, body: { required: true, content: { "application/json": { schema: body } } } },
  responses: { 200: { description: "The method", content: { "application/json": { schema: methodSchema } } }, ...standardErrors, ...notFoundError },
});

const list = createRoute({
  method: "get", path: "/v1/affiliates/{id}/payout-methods", tags: ["Payouts"], security: bearerAuth,
  middleware: [authenticate({ permission: "payouts:read" })] as const,
  summary: "An affiliate's payout methods, as hints",
  request: { params },
  responses: { 200: { description: "The methods", content: { "application/json": { schema: listSchema } } }, ...standardErrors, ...notFoundError },
});

const KINDS = ["pix", "paypal", "stripe_connect", "bank"] as const;
// Takes only the columns a hint needs, so lists can leave the sealed details out of their query.
export const view = (m: Pick<typeof payoutMethods.$inferSelect, "kind" | "hint" | "updatedAt">) => ({ kind: KINDS.find((k) => k === m.kind) ?? "bank", hint: m.hint, updatedAt: m.updatedAt.toISOString() });

export function registerPayoutMethods(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(put, async (c) => {
    const principal = c.get("principal");
    const { id } = c.req.valid("param");
    const own = affiliateScope(principal);
    if (own !== null ? own !== id : !can(principal, "payouts:write")) {
      if (own !== null) return problemFor(c, "not_found", { detail: "No affiliate with this id in your account." });
      return problemFor(c, "forbidden", { detail: "Setting payout methods needs the `payouts:write` permission." });
    }
    const db = c.get("db");
    const [affiliate] = await db.select({ id: affiliates.id }).from(affiliates).where(and(eq(affiliates.tenantId, principal.tenantId), eq(affiliates.id, id)));
    if (!affiliate) return problemFor(c, "not_found", { detail: "No affiliate with this id in your account." });
    const details = c.req.valid("json");
    const sealed = await seal(JSON.stringify(details), c.env.SECRETS_KEY);
    const [row] = await db
      .insert(payoutMethods)
      .values({ id: newId("payoutMethod"), tenantId: principal.tenantId, affiliateId: id, kind: details.kind, sealedDetails: sealed, hint: hintOf(details) })
      .onConflictDoUpdate({ target: [payoutMethods.tenantId, payoutMethods.affiliateId, payoutMethods.kind], set: { sealedDetails: sealed, hint: hintOf(details), updatedAt: sql`now()` } })
      .returning();
    return c.json(view(row), 200);
  });

  app.openapi(list, async (c) => {
    const principal = c.get("principal");
    const { id } = c.req.valid("param");
    const own = affiliateScope(principal);
    if (own !== null && own !== id) return problemFor(c, "not_found", { detail: "No affiliate with this id in your account." });
    const db = c.get("db");
    const [affiliate] = await db.select({ id: affiliates.id }).from(affiliates).where(and(eq(affiliates.tenantId, principal.tenantId), eq(affiliates.id, id)));
    if (!affiliate) return problemFor(c, "not_found", { detail: "No affiliate with this id in your account." });
    const rows = await db.select().from(payoutMethods).where(and(eq(payoutMethods.tenantId, principal.tenantId), eq(payoutMethods.affiliateId, id)));
    return c.json({ items: rows.map(view) }, 200);
  });
}
