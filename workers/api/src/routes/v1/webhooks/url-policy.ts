import type { Context } from "hono";
import { webhookUrlIssue } from "../../../../../../core/webhook-url";
import type { ApiHonoEnv } from "../../../env";
import { problemFor } from "../../../lib/problem";

/** A 400 pointing at `/body/url` when the URL breaks the policy of core/webhook-url.ts, else null. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any route's context
export function webhookUrlProblem<C extends Context<ApiHonoEnv, any, any>>(c: C, url: string | undefined) {
  if (url === undefined) return null;
  const issue = webhookUrlIssue(url, c.env.WEBHOOK_ALLOW_LOOPBACK_HTTP === "true");
  return issue ? problemFor(c, "validation_failed", { errors: [{ pointer: "/body/url", detail: issue }] }) : null;
}
