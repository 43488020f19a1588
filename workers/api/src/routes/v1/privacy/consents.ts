/** Consent records: the merchant's consent banner (or its server) reports each decision; the latest per purpose is the state. */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { and, desc, eq, or, type SQL } from "drizzle-orm";
import { newId } from "../../../../../../core/ids";
import { consents } from "../../../../../../db/schema";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { problemFor } from "../../../lib/problem";
import { authenticate } from "../../../middleware/authenticate";
import { consentBody, consentView } from "./schema";

const record = createRoute({
  method: "post",
  path: "/v1/privacy/consents",
  tags: ["Privacy"],
  summary: "Record a shopper's consent decision",
  security: bearerAuth,
  middleware: [authenticate({ permission: "privacy:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: consentBody } } } },
  responses: { 201: { description: "The record", content: { "application/json": { schema: consentView } } }, ...standardErrors },
});

const list = createRoute({
  method: "get",
  path: "/v1/privacy/consents",
  tags: ["Privacy"],
  summary: "A shopper's consent decisions, newest first",
  security: bearerAuth,
  middleware: [authenticate({ permission: "privacy:read" })] as const,
  request: {
    query: z.object({
      visitorId: z.string().max(64).optional().openapi({ param: { name: "visitorId", in: "query" } }),
      emailHash: z.string().regex(/^[0-9a-f]{64}$/, "expected a SHA-256 hex digest").optional().openapi({ param: { name: "emailHash", in: "query" } }),
    }),
  },
  responses: { 200: { description: "Decisions", content: { "application/json": { schema: z.object({ items: z.array(consentView) }) } } }, ...standardErrors },
});

type Row = typeof consents.$inferSelect;
const view = (r: Row) => ({
  id: r.id, visitorId: r.visitorId, emailHash: r.emailHash, customerIdHash: r.customerIdHash, purpose: r.purpose, granted: r.granted,
  source: r.source, policyVersion: r.policyVersion, recordedAt: r.recordedAt.toISOString(),
});

export function registerConsents(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(record, async (c) => {
    const b = c.req.valid("json");
    const [row] = await c
      .get("db")
      .insert(consents)
      .values({
        id: newId("consent"), tenantId: c.get("principal").tenantId, visitorId: b.visitorId ?? null, emailHash: b.emailHash ?? null,
        customerIdHash: b.customerIdHash ?? null, purpose: b.purpose, granted: b.granted, source: b.source, policyVersion: b.policyVersion ?? null,
        recordedAt: b.recordedAt ? new Date(b.recordedAt) : new Date(),
      })
      .returning();
    return c.json(view(row), 201);
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const who = [q.visitorId ? eq(consents.visitorId, q.visitorId) : undefined, q.emailHash ? eq(consents.emailHash, q.emailHash) : undefined].filter((w): w is SQL => !!w);
    if (!who.length) return problemFor(c, "validation_failed", { errors: [{ pointer: "/query/visitorId", detail: "give visitorId or emailHash" }] });
    const rows = await c.get("db").select().from(consents).where(and(eq(consents.tenantId, c.get("principal").tenantId), or(...who))).orderBy(desc(consents.recordedAt)).limit(500);
    return c.json({ items: rows.map(view) }, 200);
  });
}
