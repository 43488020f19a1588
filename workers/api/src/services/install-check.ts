/**
 * Is the tracking snippet installed? Fetches the merchant's page, looks for the snippet with the
 * account's site id, and asks `<origin>/_indica/s.js` whether the route to the edge answers with
 * JavaScript. Every failure is a finding for the merchant, never an error of the API.
 */
import { findSnippetTags, isJavaScriptType } from "../../../../core/install-check";
import { probeUrl } from "./http-probe";

export interface InstallCheck {
  found: boolean;
  siteIdMatches: boolean;
  scriptReachable: boolean;
  details: string[];
}

export async function checkInstall(pageUrl: string, tenantId: string): Promise<InstallCheck> {
  const details: string[] = [];
  const page = await probeUrl(pageUrl);
  const tags = page.ok ? findSnippetTags(page.body, pageUrl) : [];
  if (!page.ok) details.push(`The page ${pageUrl} ${page.reason}.`);
  else if (tags.length === 0) details.push("No <script> with src ending in /_indica/s.js on the page (only the first 1 MB is read).");
  const siteIdMatches = tags.some((t) => t.site === tenantId);
  if (tags.length > 0 && !siteIdMatches) details.push(`The snippet's data-site is ${tags.map((t) => JSON.stringify(t.site ?? "")).join(", ")}; it must be ${tenantId}.`);

  const loaderUrl = `${new URL(pageUrl).origin}/_indica/s.js`;
  const loader = await probeUrl(loaderUrl, { maxBytes: 100_000 });
  const scriptReachable = loader.ok && isJavaScriptType(loader.contentType);
  if (!loader.ok) details.push(`${loaderUrl} ${loader.reason}: route /_indica/* of your site to the Indica edge (docs/tracking.md).`);
  else if (!scriptReachable) details.push(`${loaderUrl} answers ${loader.contentType ?? "without a content type"}, not JavaScript: is /_indica/* routed to the Indica edge?`);
  return { found: tags.length > 0, siteIdMatches, scriptReachable, details };
}
