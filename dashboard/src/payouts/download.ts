/**
 * A batch's CSV as a file download. As with the Reports CSV, a plain link cannot carry the session's bearer
 * token (it lives only in memory), so the file is fetched with the client and handed over as a blob URL.
 */
import type { IndicaClient } from "../../../sdk";
import { must } from "../api/errors";

export type ExportFormat = "generic" | "pix";

export async function downloadBatchCsv(client: IndicaClient, id: string, format: ExportFormat): Promise<void> {
  const blob = await must(client.GET("/v1/payout-batches/{id}/export", { params: { path: { id }, query: { format } }, parseAs: "blob" }));
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${id}-${format}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
