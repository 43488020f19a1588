import { z } from "@hono/zod-openapi";
import { isHttpUrl } from "../../../../../../core/destination";
import { canonicalHost } from "../../../../../../core/destination-host";
import { normalizeHost } from "../../../../../../core/link-record";
import { currencySchema } from "../../../../../../core/money";
import { label, timeZone } from "../../../lib/fields";
import { strictBody } from "../../../lib/strict-body";

export const hostname = z.string().max(253).regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, "must be a hostname such as loja.com.br");
const url = z.string().max(2048).refine(isHttpUrl, "must be an absolute http(s) URL");
const origin = z
  .string()
  .max(300)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === v;
    } catch {
      return false;
    }
  }, "must be an origin such as https://loja.com.br (scheme and host, no path)");

// A bare host (no scheme, path, port or user) in the parser's form: `Café.Example.` is xn--caf-dma.example.
const destinationHost = z.preprocess((v) => (typeof v === "string" && /^[^/@:?#\\\s]+$/.test(v) ? (canonicalHost(v) ?? v) : v), hostname);

export const tenantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    defaultCurrency: z.string(),
    timezone: z.string(),
    clickParam: z.string(),
    cookieDomain: z.string().nullable(),
    fallbackUrl: z.string().nullable(),
    consentMode: z.enum(["not_required", "required"]),
    allowedOrigins: z.array(z.string()),
    destinationHosts: z.array(z.string()),
    clickCookieDays: z.number().int(),
    alertWebhookUrl: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Tenant");

export const updateTenantBody = strictBody({
  name: label(200),
  defaultCurrency: currencySchema,
  timezone: timeZone,
  clickParam: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "lowercase letters, digits and _, starting with a letter"),
  // Normalised as the domains' hostnames are (`.Loja.com.br.` is loja.com.br): a root dot makes a Domain=
  // attribute no browser accepts, and a leading dot is what browsers ignore anyway.
  cookieDomain: z
    .preprocess((v) => (typeof v === "string" ? normalizeHost(v.replace(/^\./, "")) : v), hostname.nullable())
    .openapi({ description: "Domain= of the first-party cookies (loja.com.br covers www. and checkout.); null: host-only. Stored lower-case, without leading or trailing dots" }),
  fallbackUrl: url.nullable().openapi({ description: "Where unknown codes on your own link domains go" }),
  consentMode: z.enum(["not_required", "required"]).openapi({ description: "`required`: nothing is stored in the shopper's browser (tracking script, `/_indica/click`, the link redirect's cookies) and clicks keep no identifiers until the shopper consents (LGPD/GDPR; docs/privacy.md, Before consent)" }),
  allowedOrigins: z.array(origin).max(50),
  destinationHosts: z.array(destinationHost).max(50).openapi({
    description:
      "Hosts links may send shoppers to besides those your campaigns, allowedOrigins, cookieDomain and verified domains already name (GET /v1/links/destination-hosts lists them all); each allows its subdomains. Stored lower case, IDNs as punycode",
    example: ["loja.marketplace.example"],
  }),
  clickCookieDays: z.number().int().min(1).max(400).openapi({ description: "Browsers cap cookies at 400 days" }),
  alertWebhookUrl: url.nullable(),
})
  .partial()
  .refine((b) => Object.keys(b).length > 0, "send at least one field to change")
  .openapi("UpdateTenant");
