/** Data-subject access and erasure for one shopper, across every table (db/queries/data-subjects.ts). */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import { hashCustomerId, hashEmail } from "../../../../../../core/identity-hash";
import { exportSubject } from "../../../../../../db/queries/data-subject-export";
import { eraseSubject, type Subject } from "../../../../../../db/queries/data-subjects";
import type { ApiHonoEnv } from "../../../env";
import { bearerAuth, standardErrors } from "../../../lib/openapi-common";
import { authenticate } from "../../../middleware/authenticate";
import { erasedView, subjectBody, subjectExport } from "./schema";

const exportRoute = createRoute({
  method: "post",
  path: "/v1/privacy/export",
  tags: ["Privacy"],
  summary: "Everything stored about a shopper (right of access and portability)",
  description: "Visitors stitched to the email or customer id are included, and the clicks the person's orders name (with those clicks' visitors). Rows use the API's conventions: camelCase fields, ISO 8601 instants, amounts as integer minor units. POST, so identifiers never appear in URLs or logs.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "privacy:read" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: subjectBody } } } },
  responses: { 200: { description: "Rows per table", content: { "application/json": { schema: subjectExport } } }, ...standardErrors },
});

const eraseRoute = createRoute({
  method: "post",
  path: "/v1/privacy/erasure",
  tags: ["Privacy"],
  summary: "Erase a shopper (right to erasure)",
  description: "Browser events, identity links, consents and event copies are deleted; orders are kept as money records without the shopper's identifiers, and clicks (the person's visitors' and those their orders name) are kept anonymised. Report totals (anonymous counts) are unchanged.",
  security: bearerAuth,
  middleware: [authenticate({ permission: "privacy:write" })] as const,
  request: { body: { required: true, content: { "application/json": { schema: subjectBody } } } },
  responses: { 200: { description: "Rows erased or anonymised per table", content: { "application/json": { schema: erasedView } } }, ...standardErrors },
});

async function subjectOf(tenantId: string, b: z.infer<typeof subjectBody>): Promise<Subject> {
  const emailHashes = [b.emailHash, b.email ? await hashEmail(b.email) : undefined].filter((v): v is string => !!v);
  const customerIdHashes = [b.customerIdHash, b.customerId ? await hashCustomerId(b.customerId) : undefined].filter((v): v is string => !!v);
  return { tenantId, visitorIds: b.visitorId ? [b.visitorId] : [], emailHashes, customerIdHashes };
}

export function registerSubjectRequests(app: OpenAPIHono<ApiHonoEnv>): void {
  app.openapi(exportRoute, async (c) => {
    const subject = await subjectOf(c.get("principal").tenantId, c.req.valid("json"));
    // Keyed by every table of SUBJECT_TABLES, the list the schema names (test/privacy.security.test.ts).
    const tables = (await exportSubject(c.get("db"), subject)) as z.infer<typeof subjectExport>["tables"];
    return c.json({ tables }, 200);
  });
  app.openapi(eraseRoute, async (c) => {
    const subject = await subjectOf(c.get("principal").tenantId, c.req.valid("json"));
    const erased = (await eraseSubject(c.get("db"), subject)) as z.infer<typeof erasedView>["erased"];
    console.log(JSON.stringify({ level: "info", worker: "api", event: "privacy.erasure", requestId: c.get("requestId"), tenantId: subject.tenantId, erased }));
    return c.json({ erased }, 200);
  });
}
