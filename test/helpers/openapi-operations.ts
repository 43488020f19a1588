/**
 * The operations of the product's OpenAPI document, and requests for them built from their own schemas:
 * path parameters, query and bodies filled so they pass validation where the schema allows, with ids
 * taken from a pool (another tenant's, in the security matrix).
 */
import { productOpenApiDocument } from "../../scripts/lib/openapi-document";
import { createIngestApp } from "../../workers/ingest/src/app";

type Schema = Record<string, unknown>;
export interface Operation {
  id: string;
  method: string;
  path: string;
  /** The Worker that serves it: the API, or ingest for the tracking and server-to-server endpoints. */
  worker: "indica-api" | "indica-ingest";
  public: boolean;
  params: { name: string; in: string; schema: Schema }[];
  body: Schema | null;
}

const doc = productOpenApiDocument();
const ingestPaths = new Set(Object.entries(createIngestApp().getOpenAPI31Document({ openapi: "3.1.0", info: { title: "i", version: "1" } }).paths ?? {})
  .flatMap(([path, item]) => Object.keys(item ?? {}).map((m) => `${m.toUpperCase()} ${path}`)));
const components = (doc.components?.schemas ?? {}) as Record<string, Schema>;

export const PUBLIC_OPERATIONS = ["POST /v1/auth/signup", "POST /v1/auth/login", "POST /v1/auth/refresh", "POST /v1/auth/accept-invite", "POST /_indica/e",
  // Payout providers authenticate themselves (signature, PayPal's verify API, the secret in Efí's URL), not with credentials.
  "POST /v1/payout-webhooks/stripe", "POST /v1/payout-webhooks/paypal", "POST /v1/payout-webhooks/pix/{secret}"];

export function operations(): Operation[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Schema>).map(([method, op]) => {
      const id = `${method.toUpperCase()} ${path}`;
      const content = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content;
      return {
        id,
        method: method.toUpperCase(),
        path,
        worker: ingestPaths.has(id) ? ("indica-ingest" as const) : ("indica-api" as const),
        public: PUBLIC_OPERATIONS.includes(id),
        params: ((op.parameters as Operation["params"]) ?? []).filter((p) => p.in === "path" || p.in === "query"),
        body: content?.["application/json"]?.schema ?? null,
      };
    }),
  );
}

const resolve = (s: Schema): Schema => (typeof s.$ref === "string" ? resolve(components[s.$ref.split("/").pop()!]) : s);

/** Which id prefix a field holds, from its example or its name. */
const NAME_PREFIXES: Record<string, string> = { campaignId: "cmp", affiliateId: "aff", linkId: "lnk", userId: "usr", commissionId: "com", conversionId: "cnv", clickId: "clk", endpointId: "whk", deliveryId: "whd" };
const PATH_PREFIXES: Record<string, string> = { commissions: "com", links: "lnk", coupons: "cpn", campaigns: "cmp", affiliates: "aff", users: "usr", "api-keys": "key", "signing-secrets": "sgs", webhooks: "whk", conversions: "cnv", fraud: "clk", domains: "dom" };

export interface SampleContext {
  /** Ids by prefix (`lnk` -> an id) to put wherever the schema wants an id of that kind. */
  ids: Record<string, string>;
  path: string;
}

function idFor(name: string, example: unknown, ctx: SampleContext): string | null {
  const fromExample = typeof example === "string" && /^([a-z]{3})_[0-9A-Z]{26}$/.exec(example)?.[1];
  const prefix = fromExample || NAME_PREFIXES[name] || (name === "ids" || name === "id" ? PATH_PREFIXES[ctx.path.split("/")[2]] : undefined);
  return prefix ? ctx.ids[prefix] ?? null : null;
}

let hostnames = 0;

export function sample(schema: Schema, ctx: SampleContext, name = ""): unknown {
  const s = resolve(schema);
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (variants) return sample(variants.find((v) => resolve(v).type !== "null") ?? variants[0], ctx, name);
  if (s.allOf) return Object.assign({}, ...(s.allOf as Schema[]).map((x) => sample(x, ctx, name)));
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const id = idFor(name, s.example, ctx);
  switch (s.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const key of (s.required as string[] | undefined) ?? []) if (props[key]) out[key] = sample(props[key], ctx, key);
      return out;
    }
    case "array": {
      const item = sample((s.items as Schema) ?? {}, ctx, name);
      return Array.from({ length: Math.max(1, Number(s.minItems ?? 1)) }, () => item);
    }
    case "integer":
    case "number":
      return Math.max(Number(s.minimum ?? 1), Math.min(1, Number(s.maximum ?? 1)));
    case "boolean":
      return false;
    case "string":
      if (id) return id;
      if (s.format === "date-time") return new Date().toISOString();
      if (s.format === "email") return `matrix-${Date.now()}@example.com`;
      // Hostnames are globally unique: a fixed example would make every second create a 409.
      if (name === "hostname") return `matrix-${Date.now()}-${++hostnames}.example.com`;
      if (typeof s.example === "string") return s.example;
      return "x".repeat(Math.max(Number(s.minLength ?? 1), 12)).slice(0, Number(s.maxLength ?? 64));
    default:
      return id ?? "x";
  }
}

/** The URL (path and query) of an operation with its parameters sampled. */
export function urlFor(op: Operation, ctx: SampleContext): string {
  let path = op.path;
  const query = new URLSearchParams();
  for (const p of op.params) {
    const value = String(sample(p.schema ?? {}, ctx, p.name));
    if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    else if (p.name.endsWith("Id")) query.set(p.name, value);
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
