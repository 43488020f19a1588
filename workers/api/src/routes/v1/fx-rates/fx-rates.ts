/** The merchant's exchange rates into its default currency; orders keep the rate of their own time. */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import { currencySchema, rateSchema } from "../../../../../../core/money";
import { fxRates, tenants } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { instantSchema } from "../../../../../../core/schemas/instant";
import { strictBody } from "../../../lib/strict-body";

const rateBody = strictBody({
  currency: currencySchema,
  rate: rateSchema.openapi({ type: "string", example: "5.123456", description: "One unit of `currency` in your default currency" }),
  asOf: instantSchema.optional().openapi({ description: "From when the rate applies; now when omitted" }),
})
  .openapi("FxRateInput");

const rateView = z.object({ currency: z.string(), rateMicros: z.number().int(), asOf: z.string() }).openapi("FxRate");

const put = createRoute({
  method: "post",
  path: "/v1/fx-rates",
  tags: ["Exchange rates"],
  summary: "Set an exchange rate into your default currency",
  description: "For a currency other than your default one (422 for the default currency itself, which needs no rate).",
  security: bearerAuth,
  middleware: [authenticate({ permission: "fx_rates:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: rateBody } } } },
  responses: { 201: { description: "The rate", content: { "application/json": { schema: rateView } } }, ...standardErrors, ...unprocessableError },
});

const list = createRoute({
  method: "get",
  path: "/v1/fx-rates",
  tags: ["Exchange rates"],
  summary: "Your exchange rates, newest first",
  security: bearerAuth,
  middleware: [authenticate({ permission: "fx_rates:read" })] as const,
  responses: { 200: { description: "Rates", content: { "application/json": { schema: z.object({ items: z.array(rateView) }) } } }, ...standardErrors },
});

export function registerFxRates(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(put, async (c) => {
    const { currency, rate, asOf } = c.req.valid("json");
    // Orders in the default currency are converted at exactly 1 (identity-lookups.ts): a rate for it was
    // stored, answered 201 and never used.
    const [tenant] = await c.get("db").select({ defaultCurrency: tenants.defaultCurrency }).from(tenants).where(eq(tenants.id, c.get("principal").tenantId));
    if (tenant?.defaultCurrency === currency) {
      const detail = `${currency} is your default currency: orders in it need no rate. Rates convert other currencies into it.`;
      return problemFor(c, "unprocessable", { detail, errors: [{ pointer: "/body/currency", detail }] });
    }
    const row = { tenantId: c.get("principal").tenantId, currency, rateMicros: rate, asOf: asOf ? new Date(asOf) : new Date() };
    await c.get("db").insert(fxRates).values(row).onConflictDoUpdate({ target: [fxRates.tenantId, fxRates.currency, fxRates.asOf], set: { rateMicros: rate } });
    return c.json({ currency, rateMicros: rate, asOf: row.asOf.toISOString() }, 201);
  });
  app.openapi(list, async (c) => {
    const rows = await c.get("db").select().from(fxRates).where(and(eq(fxRates.tenantId, c.get("principal").tenantId))).orderBy(desc(fxRates.asOf)).limit(500);
    return c.json({ items: rows.map((r) => ({ currency: r.currency, rateMicros: r.rateMicros, asOf: r.asOf.toISOString() })) }, 200);
  });
}
