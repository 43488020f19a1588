/** Links with their sub-ids and a copy button; merchants can switch a link off and on. */
import { createResource, For, Show } from "solid-js";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useAffiliates, useCampaigns } from "../api/lookups";
import { useI18n } from "../i18n/i18n";
import { Async, noItems } from "../ui/Async";
import { CopyButton } from "../ui/CopyButton";
import { StatusBadge, TableWrap } from "../ui/Table";

export function LinkList(props: { audience: "merchant" | "affiliate"; version: number }) {
  const { client } = useApi();
  const { t, date } = useI18n();
  const campaigns = useCampaigns();
  const affiliates = props.audience === "merchant" ? useAffiliates() : undefined;
  const [page, { refetch }] = createResource(() => props.version, () => must(client.GET("/v1/links", { params: { query: { limit: 200 } } })));
  const toggle = async (id: string, status: "active" | "disabled") => {
    await must(client.PATCH("/v1/links/{id}", { params: { path: { id } }, body: { status } }));
    refetch();
  };
  return (
    <section aria-labelledby="links-title">
      <h2 id="links-title">{t("links.list")}</h2>
      <Async data={page} retry={refetch} isEmpty={noItems} empty={t("links.none")}>
        {(p) => (
          <TableWrap label={t("links.list")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("links.url")}</th>
                  <th scope="col">{t("col.campaign")}</th>
                  <Show when={affiliates}><th scope="col">{t("col.affiliate")}</th></Show>
                  <th scope="col">{t("links.subIds")}</th>
                  <th scope="col">{t("col.status")}</th>
                  <th scope="col">{t("col.created")}</th>
                  <th scope="col">{t("col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={p.items}>
                  {(l) => (
                    <tr>
                      <th scope="row"><code>{l.url}</code></th>
                      <td>{campaigns.name(l.campaignId)}</td>
                      <Show when={affiliates}>{(a) => <td>{a().name(l.affiliateId)}</td>}</Show>
                      <td>{Object.entries(l.subIds).map(([k, v]) => `${k}=${v}`).join(", ") || "—"}</td>
                      <td><StatusBadge status={l.status} label={t(`status.${l.status}`)} /></td>
                      <td>{date(l.createdAt)}</td>
                      <td>
                        <CopyButton text={l.url} />
                        <Show when={props.audience === "merchant"}>
                          <button type="button" class="small secondary" onClick={() => toggle(l.id, l.status === "active" ? "disabled" : "active")}>
                            {l.status === "active" ? t("action.disable") : t("action.enable")}
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </Async>
    </section>
  );
}
