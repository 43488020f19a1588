/**
 * The CSV export as a file download. A plain link cannot work: the export needs the session's bearer token,
 * which lives only in memory (never in a cookie), so the file is fetched with the client and handed to the
 * browser as a blob URL.
 */
import type { IndicaClient, paths } from "../../../sdk";
import { must } from "../api/errors";

export type ReportQuery = NonNullable<paths["/v1/reports/export"]["get"]["parameters"]["query"]>;

export function csvName(q: ReportQuery): string {
  return `indica-report-${q.groupBy ?? "day"}-${q.from ?? ""}-${q.to ?? ""}.csv`;
}

export async function downloadReportCsv(client: IndicaClient, q: ReportQuery): Promise<void> {
  // The previous period is not part of the CSV (one line per key and currency of the chosen period).
  const { compare: _, ...query } = q;
  const blob = await must(client.GET("/v1/reports/export", { params: { query }, parseAs: "blob" }));
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = csvName(q);
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked on the next tick: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
