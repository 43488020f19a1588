import type { ApiEnv } from "../../../env";
import type { LinkRow } from "../../../services/links";
import type { LinkView } from "./schema";

export function linkUrl(env: ApiEnv, domain: string, code: string): string {
  const port = env.LINK_URL_PORT ? `:${env.LINK_URL_PORT}` : "";
  return `${env.LINK_URL_SCHEME || "https"}://${domain}${port}/${encodeURIComponent(code)}`;
}

export function toLinkView(env: ApiEnv, row: LinkRow): LinkView {
  return {
    id: row.id,
    url: linkUrl(env, row.domain, row.code),
    domain: row.domain,
    code: row.code,
    destinationUrl: row.destinationUrl,
    campaignId: row.campaignId,
    affiliateId: row.affiliateId,
    subIds: row.subIds,
    status: row.status === "disabled" ? "disabled" : "active",
    createdAt: row.createdAt.toISOString(),
  };
}
