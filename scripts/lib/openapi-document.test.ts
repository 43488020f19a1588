import { readFileSync } from "node:fs";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { clientTypesFor } from "./client-types";
import { productOpenApiDocument } from "./openapi-document";

const PUBLIC_OPERATIONS = ["POST /v1/auth/signup", "POST /v1/auth/login", "POST /v1/auth/refresh", "POST /v1/auth/accept-invite",
  // Payout providers authenticate themselves (signature, PayPal's verify API, the secret in Efí's URL), not with credentials.
  "POST /v1/payout-webhooks/stripe", "POST /v1/payout-webhooks/paypal", "POST /v1/payout-webhooks/pix/{secret}"];

type Operation = { responses: Record<string, unknown>; security?: unknown[]; servers?: unknown[] };

describe("OpenAPI document", () => {
  const doc = productOpenApiDocument();
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, path, op })),
  );

  it("docs/openapi.json matches the routes (run `npm run openapi` after changing a route)", () => {
    const committed = JSON.parse(readFileSync(new URL("../../docs/openapi.json", import.meta.url), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it("is a valid OpenAPI 3.1 document (Redocly's structural check of the 3.1 specification)", async () => {
    const config = await createConfig({ rules: { struct: "error", "no-unresolved-refs": "error", "path-parameters-defined": "error", "operation-operationId-unique": "error" } });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("sdk/schema.generated.ts is generated from the same document (run `npm run openapi`)", async () => {
    const committed = readFileSync(new URL("../../sdk/schema.generated.ts", import.meta.url), "utf8");
    expect(committed === (await clientTypesFor(doc))).toBe(true);
  });

  it("documents the API's and the ingest Worker's public operations", () => {
    expect(operations.map((o) => o.id)).toEqual(
      expect.arrayContaining(["GET /v1/links/{id}", "POST /v1/links", "GET /v1/fraud/review", "POST /v1/fraud/review/{id}/{decision}", "GET /v1/commissions", "POST /v1/commissions/decisions", "GET /v1/fx-rates", "POST /v1/fx-rates", "POST /v1/conversions", "POST /v1/conversions/batch", "POST /v1/refunds", "POST /_indica/e", "POST /v1/auth/login", "POST /v1/auth/refresh", "POST /v1/auth/accept-invite", "POST /v1/auth/logout", "GET /v1/me",
        "POST /v1/webhooks", "GET /v1/webhooks", "GET /v1/webhooks/{id}", "PATCH /v1/webhooks/{id}", "DELETE /v1/webhooks/{id}", "POST /v1/webhooks/{id}/rotate-secret",
        "GET /v1/webhooks/{id}/deliveries", "POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry", "POST /v1/webhooks/{id}/test",
        "POST /v1/integrations", "GET /v1/integrations", "DELETE /v1/integrations/{id}",
        "GET /v1/domains", "POST /v1/domains", "DELETE /v1/domains/{id}", "POST /v1/domains/{id}/verify", "POST /v1/tenant/install-check",
        "POST /v1/payout-batches", "GET /v1/payout-batches", "GET /v1/payout-batches/{id}", "POST /v1/payout-batches/{id}/send",
        "GET /v1/payout-batches/{id}/export", "POST /v1/payout-batches/{id}/reconcile", "POST /v1/payout-webhooks/stripe", "POST /v1/payout-webhooks/paypal", "POST /v1/payout-webhooks/pix/{secret}", "PUT /v1/affiliates/{id}/payout-methods", "GET /v1/affiliates/{id}/payout-methods",
        "POST /v1/campaigns", "GET /v1/campaigns", "GET /v1/campaigns/{id}", "PATCH /v1/campaigns/{id}", "GET /v1/campaigns/{id}/affiliates", "POST /v1/campaigns/{id}/applications", "POST /v1/campaigns/{id}/affiliates/{affiliateId}/{decision}", "POST /v1/affiliates", "GET /v1/affiliates", "GET /v1/affiliates/{id}", "PATCH /v1/affiliates/{id}",
        "GET /v1/links", "PATCH /v1/links/{id}", "POST /v1/links/bulk", "POST /v1/coupons", "GET /v1/coupons", "GET /v1/coupons/{id}", "PATCH /v1/coupons/{id}", "GET /v1/conversions", "GET /v1/conversions/{id}", "POST /v1/conversions/{id}/status", "GET /v1/commissions/{id}", "GET /v1/balances", "GET /v1/payouts", "GET /v1/reports/summary",
        "GET /v1/reports/export", "GET /v1/reports/realtime", "POST /v1/privacy/export", "POST /v1/privacy/erasure", "POST /v1/privacy/consents", "GET /v1/privacy/consents",
        "GET /v1/privacy/retention", "PUT /v1/privacy/retention",
        "POST /v1/signing-secrets", "GET /v1/signing-secrets", "DELETE /v1/signing-secrets/{id}"]),
    );
  });

  it("declares problem responses and credentials for every authenticated operation", () => {
    for (const { id, path, op } of operations) {
      expect(op.responses["400"] ?? op.responses.default, id).toBeDefined();
      // Only the ways in (signup, sign-in, refresh, invite) are open; everything else under /v1 needs credentials.
      if (path.startsWith("/v1/") && !PUBLIC_OPERATIONS.includes(id)) expect(op.security?.length, id).toBeGreaterThan(0);
    }
  });
});
