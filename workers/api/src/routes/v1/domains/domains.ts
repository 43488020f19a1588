/** The merchant's hostnames: link domains for short links and tracking domains, proven over HTTP. */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { domainCacheKey } from "../../../../../../core/link-record";
import { verificationToken } from "../../../../../../core/domain-verification";
import type { ApiHonoEnv } from "../../../env";
import { isoDate } from "../../../lib/fields";
import { bearerAuth, conflictError, notFoundError, standardErrors, unprocessableError } from "../../../lib/openapi-common";
import { toPage } from "../../../lib/pagination";
import { problemForError } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { createDomain, deleteDomain, listDomains, verificationUrl, verifyDomain, type DomainRow } from "../../../services/domains";
import { createDomainBody, domainIdParams, domainListSchema, domainQuery, domainSchema } from "./schema";

const tags = ["Account"];
const one = (description: string) => ({ description, content: { "application/json": { schema: domainSchema } } });

const list = createRoute({
  method: "get", path: "/v1/domains", tags, summary: "Your domains",
  security: bearerAuth, middleware: [authenticate({ permission: "tenant:read" })] as const, request: { query: domainQuery },
  responses: { 200: { description: "A page of domains", content: { "application/json": { schema: domainListSchema } } }, ...standardErrors },
});
const create = createRoute({
  method: "post", path: "/v1/domains", tags, summary: "Add a domain",
  description: "A hostname belongs to one account: a taken one is a 409. Verify it next (POST /v1/domains/{id}/verify).",
  security: bearerAuth, middleware: [authenticate({ permission: "tenant:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: createDomainBody } } } },
  responses: { 201: one("The domain, not yet verified"), ...standardErrors, ...conflictError },
});
const remove = createRoute({
  method: "delete", path: "/v1/domains/{id}", tags, summary: "Remove a domain",
  security: bearerAuth, middleware: [authenticate({ permission: "tenant:write" })] as const, request: { params: domainIdParams },
  responses: { 200: one("The removed domain"), ...standardErrors, ...notFoundError },
});
const verify = createRoute({
  method: "post", path: "/v1/domains/{id}/verify", tags, summary: "Prove you control a domain",
  description: "Fetches https://<hostname>/.well-known/indica-verification.txt and expects a line with your account's token (`verification.token`). 422 with the reason when it is missing.",
  security: bearerAuth, middleware: [authenticate({ permission: "tenant:write" })] as const, request: { params: domainIdParams },
  responses: { 200: one("The verified domain"), ...standardErrors, ...notFoundError, ...unprocessableError },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any of this file's routes
type AnyContext = Context<ApiHonoEnv, any, any>;

const urlOf = (c: AnyContext) => (hostname: string) => verificationUrl(hostname, { allowLoopbackHttp: c.env.WEBHOOK_ALLOW_LOOPBACK_HTTP === "true", origin: c.env.DOMAIN_VERIFICATION_DEV_ORIGIN });
const tokenOf = (c: AnyContext) => verificationToken(c.env.SECRETS_KEY, c.get("principal").tenantId);

const toView = (r: DomainRow, token: string, url: string) => ({
  id: r.id,
  hostname: r.hostname,
  isLinkDomain: r.isLinkDomain,
  verifiedAt: isoDate(r.verifiedAt),
  createdAt: r.createdAt.toISOString(),
  verification: { url, token },
});

/** The redirect caches which account owns a link hostname (fallback URLs): drop it once the change is committed. */
function forgetDomainAfterCommit(c: AnyContext, row: DomainRow): void {
  if (row.isLinkDomain) c.get("afterCommit")("domain cache refresh", () => c.env.EDGE_CACHE.delete(domainCacheKey(row.hostname)));
}

export function registerDomains(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const token = await tokenOf(c);
    const rows = await listDomains(c.get("db"), c.get("principal").tenantId, q);
    return c.json(toPage(rows, q.limit, (r) => toView(r, token, urlOf(c)(r.hostname))), 200);
  });
  app.openapi(create, async (c) => {
    const result = await createDomain(c.get("db"), c.get("principal").tenantId, c.req.valid("json"));
    if (!result.ok) return problemForError(c, result.error);
    forgetDomainAfterCommit(c, result.value);
    return c.json(toView(result.value, await tokenOf(c), urlOf(c)(result.value.hostname)), 201);
  });
  app.openapi(remove, async (c) => {
    const result = await deleteDomain(c.get("db"), c.get("principal").tenantId, c.req.valid("param").id);
    if (!result.ok) return problemForError(c, result.error);
    forgetDomainAfterCommit(c, result.value);
    return c.json(toView(result.value, await tokenOf(c), urlOf(c)(result.value.hostname)), 200);
  });
  app.openapi(verify, async (c) => {
    const token = await tokenOf(c);
    const result = await verifyDomain(c.get("db"), c.get("principal").tenantId, c.req.valid("param").id, token, urlOf(c));
    if (!result.ok) return problemForError(c, result.error);
    forgetDomainAfterCommit(c, result.value);
    return c.json(toView(result.value, token, urlOf(c)(result.value.hostname)), 200);
  });
}
