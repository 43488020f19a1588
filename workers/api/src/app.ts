import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { allowedMethods, wrongMethodDetail } from "../../../core/http/allowed-methods";
import { trackingHostHint } from "../../../core/http/other-host";
import { isPermanentDataError, isUnavailable, sqlState } from "../../../db/transient-error";
import type { ApiHonoEnv } from "./env";
import { problemFor } from "./lib/problem";
import { requestFieldErrors } from "./lib/strict-body";
import { database } from "./middleware/database";
import { requestId } from "./middleware/request-id";
import { registerDocsPage } from "./routes/docs/docs-page";
import { registerOpenApi } from "./routes/openapi";
import { registerCreateAffiliate } from "./routes/v1/affiliates/create-affiliate";
import { registerReadAffiliates } from "./routes/v1/affiliates/read-affiliates";
import { registerUpdateAffiliate } from "./routes/v1/affiliates/update-affiliate";
import { registerMe } from "./routes/v1/auth/me";
import { registerSessions } from "./routes/v1/auth/sessions";
import { registerApiKeys } from "./routes/v1/api-keys/api-keys";
import { registerSigningSecrets } from "./routes/v1/signing-secrets/signing-secrets";
import { registerTenant } from "./routes/v1/tenant/tenant";
import { registerInstallCheck } from "./routes/v1/tenant/install-check";
import { registerDomains } from "./routes/v1/domains/domains";
import { registerUsers } from "./routes/v1/users/users";
import { registerApplications } from "./routes/v1/campaigns/applications";
import { registerCreateCampaign } from "./routes/v1/campaigns/create-campaign";
import { registerCampaignMembers } from "./routes/v1/campaigns/members";
import { registerReadCampaigns } from "./routes/v1/campaigns/read-campaigns";
import { registerUpdateCampaign } from "./routes/v1/campaigns/update-campaign";
import { registerCommissions } from "./routes/v1/commissions/commissions";
import { registerGetCommission } from "./routes/v1/commissions/get-commission";
import { registerChangeConversionStatus } from "./routes/v1/conversions/change-status";
import { registerReadConversions } from "./routes/v1/conversions/read-conversions";
import { registerFraudReview } from "./routes/v1/fraud/review-queue";
import { registerFxRates } from "./routes/v1/fx-rates/fx-rates";
import { registerBalances } from "./routes/v1/payouts/balances";
import { registerReportSummary } from "./routes/v1/reports/summary";
import { registerReportExport } from "./routes/v1/reports/export";
import { registerReportRealtime } from "./routes/v1/reports/realtime";
import { observe } from "./middleware/observe";
import { registerOperations } from "./routes/operations";
import { registerConsents } from "./routes/v1/privacy/consents";
import { registerRetention } from "./routes/v1/privacy/retention";
import { registerSubjectRequests } from "./routes/v1/privacy/subject-requests";
import { registerPayouts } from "./routes/v1/payouts/payouts";
import { registerBulkCreateLinks } from "./routes/v1/links/bulk-create-links";
import { registerCreateLink } from "./routes/v1/links/create-link";
import { registerGetLink } from "./routes/v1/links/get-link";
import { registerDestinationHosts } from "./routes/v1/links/destination-hosts";
import { registerWebhookDeliveries } from "./routes/v1/webhooks/deliveries";
import { registerWebhookEndpoints } from "./routes/v1/webhooks/endpoints";
import { registerWebhookManagement } from "./routes/v1/webhooks/manage";
import { registerListLinks } from "./routes/v1/links/list-links";
import { registerUpdateLink } from "./routes/v1/links/update-link";
import { registerCreateCoupon } from "./routes/v1/coupons/create-coupon";
import { registerGetCoupon } from "./routes/v1/coupons/get-coupon";
import { registerListCoupons } from "./routes/v1/coupons/list-coupons";
import { registerUpdateCoupon } from "./routes/v1/coupons/update-coupon";
import { registerIntegrationConnections } from "./routes/v1/integrations/connections";
import { registerPayoutBatches } from "./routes/v1/payout-batches/batches";
import { registerPayoutBatchCancel } from "./routes/v1/payout-batches/cancel";
import { registerPayoutSettlement } from "./routes/v1/payout-batches/settle";
import { registerPayoutWebhooks } from "./routes/v1/payout-webhooks/receivers";
import { registerPayoutMethods } from "./routes/v1/payout-methods/payout-methods";
import { registerListPayoutMethods } from "./routes/v1/payout-methods/list-payout-methods";
import { registerListFailedEvents } from "./routes/v1/failed-events/list-failed-events";
import { registerReplayFailedEvents } from "./routes/v1/failed-events/replay-failed-events";

const MAX_BODY_BYTES = 256 * 1024;

export function createApiApp(): OpenAPIHono<ApiHonoEnv> {
  const app = new OpenAPIHono<ApiHonoEnv>({
    // zod failures become 400 problem+json listing every field, never a bare 500 or a plain string.
    defaultHook: (result, c) => {
      if (!result.success) {
        return problemFor(c, "validation_failed", { errors: requestFieldErrors(result.error.issues, result.target) });
      }
    },
  });

  app.use("*", requestId());
  app.use("*", observe());
  app.use("/v1/*", bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => problemFor(c, "payload_too_large", { detail: `Bodies are limited to ${MAX_BODY_BYTES} bytes.` }) }));
  app.use("/v1/*", database());

  registerOperations(app);
  registerSessions(app);
  registerMe(app);
  registerTenant(app);
  registerInstallCheck(app);
  registerDomains(app);
  registerUsers(app);
  registerApiKeys(app);
  registerSigningSecrets(app);
  registerCreateLink(app);
  registerBulkCreateLinks(app);
  registerListLinks(app);
  // Before /v1/links/{id}, which would take "destination-hosts" for an id.
  registerDestinationHosts(app);
  registerGetLink(app);
  registerCreateAffiliate(app);
  registerReadAffiliates(app);
  registerUpdateAffiliate(app);
  registerCreateCampaign(app);
  registerReadCampaigns(app);
  registerUpdateCampaign(app);
  registerCampaignMembers(app);
  registerApplications(app);
  registerUpdateLink(app);
  registerCreateCoupon(app);
  registerListCoupons(app);
  registerGetCoupon(app);
  registerUpdateCoupon(app);
  registerFraudReview(app);
  registerReadConversions(app);
  registerChangeConversionStatus(app);
  registerCommissions(app);
  registerGetCommission(app);
  registerBalances(app);
  registerPayouts(app);
  registerReportSummary(app);
  registerReportExport(app);
  registerReportRealtime(app);
  registerSubjectRequests(app);
  registerConsents(app);
  registerRetention(app);
  registerFxRates(app);
  registerWebhookEndpoints(app);
  registerWebhookManagement(app);
  registerWebhookDeliveries(app);
  registerIntegrationConnections(app);
  registerPayoutBatches(app);
  registerPayoutBatchCancel(app);
  registerPayoutSettlement(app);
  registerPayoutWebhooks(app);
  registerPayoutMethods(app);
  registerListPayoutMethods(app);
  registerListFailedEvents(app);
  registerReplayFailedEvents(app);
  registerOpenApi(app);
  registerDocsPage(app);

  app.notFound((c) => {
    // A path that exists under other methods is the caller's wrong verb, not a missing endpoint (RFC 9110 15.5.6).
    const allow = allowedMethods(app, c.req.path);
    // Orders and refunds posted here belong to the tracking host: say so rather than only "not here".
    const hint = trackingHostHint(c.req.method, c.req.path);
    if (allow.length === 0) return problemFor(c, "not_found", { detail: hint ?? "No such endpoint. See /openapi.json." });
    c.header("allow", allow.join(", "));
    return problemFor(c, "method_not_allowed", { detail: wrongMethodDetail(c.req.method, allow, hint) });
  });
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's validators throw these for bodies that are not JSON at all.
      const code = err.status === 413 ? "payload_too_large" : err.status === 415 ? "unsupported_media_type" : "bad_request";
      return problemFor(c, code, { detail: err.status === 415 ? "Send the body as application/json." : err.message });
    }
    console.error(JSON.stringify({ level: "error", worker: "api", requestId: c.get("requestId"), message: err.message }));
    // The last line of defence: a row the database refuses is the caller's conflict or bad value, never
    // our 500 (routes check first; this catches races such as two requests creating the same email).
    const state = sqlState(err);
    if (state === "23505") return problemFor(c, "conflict", { detail: "This conflicts with something that already exists; reload and try again." });
    if (state !== null && isPermanentDataError(err)) return problemFor(c, "unprocessable", { detail: "The database refused a value of this request." });
    if (isUnavailable(err)) {
      c.header("retry-after", "5");
      return problemFor(c, "unavailable", { detail: "The database is unreachable; try again shortly." });
    }
    return problemFor(c, "internal_error", { detail: "Something went wrong on our side; the request id helps us find it." });
  });
  return app;
}
