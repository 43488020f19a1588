import { z } from "@hono/zod-openapi";
import { normalizeHost } from "../../../../../../core/link-record";
import { idParam } from "../../../lib/fields";
import { pageOf, pageQuery } from "../../../lib/pagination";
import { hostname } from "../tenant/schema";
import { strictBody } from "../../../lib/strict-body";

export const domainSchema = z
  .object({
    id: z.string(),
    hostname: z.string(),
    isLinkDomain: z.boolean().openapi({ description: "Short links are served on it (go.loja.com.br); otherwise a tracking domain" }),
    verifiedAt: z.string().nullable(),
    createdAt: z.string(),
    verification: z
      .object({
        url: z.string().openapi({ description: "Where the file must be served" }),
        token: z.string().openapi({ description: "The line the file must contain" }),
      })
      .openapi({ description: "How to prove you control the hostname (docs/tracking.md)" }),
  })
  .openapi("Domain");

export const domainListSchema = pageOf(domainSchema, "DomainList");
export const domainQuery = z.object({ ...pageQuery });

export const createDomainBody = strictBody({
  // As the redirect Worker reads Host headers (core/link-record.ts): `Loja.Example.COM.` is loja.example.com,
  // and was refused only for its case or its root dot.
  hostname: z
    .preprocess((v) => (typeof v === "string" ? normalizeHost(v) : v), hostname)
    .openapi({ example: "go.loja.com.br", description: "Stored lower-case and without a trailing dot" }),
  isLinkDomain: z.boolean().default(true),
})
  .openapi("CreateDomain");

export const domainIdParams = z.object({ id: idParam("domain", "dom_01JB8Z5Q3X0000000000000000") });
