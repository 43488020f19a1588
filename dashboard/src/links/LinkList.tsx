/** Links with their sub-ids and a copy button; merchants can switch a link off and on. */
import { For, Show } from "solid-js";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useAffiliates, useCampaigns } from "../api/lookups";
import { useI18n } from "../i18n/i18n";
import { EnableToggle } from "../ui/EnableToggle";
import { CopyButton } from "../ui/CopyButton";
import { createFilteredPagedList, PagedView } from "../ui/paging";
import { StatusBadge, TableWrap } from "../ui/Table";

export function LinkList(props: { audience: "merchant" | "affiliate"; version: number }) {
  const { client } = useApi();
  const { t, date } = useI18n();
  const campaigns = useCampaigns();
  const affiliates = props.audience === "merchant" ? useAffiliates() : undefined;
  // A new version (a link was just made) starts again from the first page.
  const list = createFilteredPagedList(() => props.version, (_, cursor) => must(client.GET("/v1/links", { params: { query: { limit: 100, cursor } } })));
  const refetch = list.reload;
  const toggle = async (id: string, status: "active" | "disabled") => {
    await must(client.PATCH("/v1/links/{id}", { params: { path: { id } }, body: { status } }));
    refetch();
  };
  return (
    <section aria-labelledby="links-title">
      <h2 id="links-title">{t("links.list")}</h2>
      <PagedView list={list} empty={t("links.none")}>
        {(items) => (
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
                <For each={items()}>
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
                          <EnableToggle status={l.status} onToggle={(next) => toggle(l.id, next)} />
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </PagedView>
    </section>
  );
}
