/** Who may promote a campaign: pending applications to approve or reject, and the approved members. */
import { For, Show } from "solid-js";
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { createPagedList, PagedView } from "../../ui/paging";
import { StatusBadge, TableWrap } from "../../ui/Table";

export function CampaignMembers(props: { campaignId: string }) {
  const { client } = useApi();
  const { t } = useI18n();
  const members = createPagedList((cursor) => must(client.GET("/v1/campaigns/{id}/affiliates", { params: { path: { id: props.campaignId }, query: { limit: 100, cursor } } })));
  const refetch = members.reload;
  const decide = async (affiliateId: string, decision: "approve" | "reject") => {
    await must(client.POST("/v1/campaigns/{id}/affiliates/{affiliateId}/{decision}", { params: { path: { id: props.campaignId, affiliateId, decision } } }));
    refetch();
  };
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t("campaign.members")}</h2>
      <PagedView list={members} empty={t("campaign.noMembers")}>
        {(items) => (
          <TableWrap label={t("campaign.members")}>
            <table>
              <thead><tr><th scope="col">{t("col.affiliate")}</th><th scope="col">{t("col.status")}</th><th scope="col">{t("col.actions")}</th></tr></thead>
              <tbody>
                <For each={items()}>
                  {(m) => (
                    <tr>
                      <th scope="row">{m.affiliateName}<br /><small>{m.affiliateEmail}</small></th>
                      <td><StatusBadge status={m.status} label={t(`status.${m.status}`)} /></td>
                      <td>
                        <Show when={m.status !== "approved"}><button type="button" class="small" onClick={() => decide(m.affiliateId, "approve")}>{t("action.approve")}</button></Show>
                        <Show when={m.status !== "rejected"}><button type="button" class="small secondary" onClick={() => decide(m.affiliateId, "reject")}>{t("action.reject")}</button></Show>
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
