/**
 * A data subject as the privacy operations take it, and the export as a JSON download. The identifier goes
 * in a POST body (never a URL), so the download is fetched with the client, like the Reports CSV.
 */
import type { components, IndicaClient } from "../../../sdk";
import { must } from "../api/errors";

export type DataSubject = components["schemas"]["DataSubject"];
export const SUBJECT_KINDS = ["email", "customerId", "visitorId"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export function subjectOf(kind: SubjectKind, value: string): DataSubject {
  return { [kind]: value.trim() };
}

export async function downloadExport(client: IndicaClient, subject: DataSubject): Promise<void> {
  const data = await must(client.POST("/v1/privacy/export", { body: subject }));
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  // No identifier in the file name: it would end up in the downloads folder's listing.
  a.download = `indica-data-subject-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
