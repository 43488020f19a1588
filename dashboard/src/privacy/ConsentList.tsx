/**
 * A shopper's consent decisions, newest first. The API finds them by visitor id or email hash only (and
 * answers them all at once, without cursor pages); the email is hashed here the same way the edge does,
 * so the address itself is not put in a URL.
 */
import { createResource, For } from "solid-js";
import { hashEmail } from "../../../core/identity-hash";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { Async } from "../ui/Async";
import { TableWrap } from "../ui/Table";
import type { SubjectKind } from "./subject";

export function ConsentList(props: { kind: Exclude<SubjectKind, "customerId">; value: string }) {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const [consents, { refetch }] = createResource(
    () => ({ kind: props.kind, value: props.value.trim() }),
    async ({ kind, value }) => {
      const query = kind === "email" ? { emailHash: await hashEmail(value) } : { visitorId: value };
      return (await must(client.GET("/v1/privacy/consents", { params: { query } }))).items;
    },
  );
  return (
    <Async data={consents} retry={refetch} isEmpty={(c) => c.length === 0} empty={t("privacy.noConsents")}>
      {(items) => (
        <TableWrap label={t("privacy.consents")}>
          <table>
            <caption>{t("privacy.consents")}</caption>
            <thead>
              <tr><th scope="col">{t("privacy.recordedAt")}</th><th scope="col">{t("privacy.purpose")}</th><th scope="col">{t("privacy.decision")}</th><th scope="col">{t("privacy.source")}</th><th scope="col">{t("privacy.policyVersion")}</th></tr>
            </thead>
            <tbody>
              <For each={items}>
                {(c) => (
                  <tr>
                    <td>{i.dateTime(c.recordedAt)}</td>
                    <th scope="row">{c.purpose}</th>
                    <td>{c.granted ? t("privacy.granted") : t("privacy.denied")}</td>
                    <td>{c.source}</td>
                    <td>{c.policyVersion ?? "—"}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
      )}
    </Async>
  );
}
