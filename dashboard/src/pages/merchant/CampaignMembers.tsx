/**
 * Who may promote a campaign: pending applications to approve or reject, the approved members, and adding
 * an affiliate (affiliates see only campaigns they are in, so an invited one cannot apply by themselves).
 */
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useAffiliates } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { createPagedList, PagedView } from "../../ui/paging";
import { StatusBadge, TableWrap } from "../../ui/Table";

export function CampaignMembers(props: { campaignId: string }) {
  const { client } = useApi();
  const { t } = useI18n();
  const members = createPagedList((cursor) => must(client.GET("/v1/campaigns/{id}/affiliates", { params: { path: { id: props.campaignId }, query: { limit: 100, cursor } } })));
  const refetch = members.reload;
  const affiliates = useAffiliates();
  const [error, setError] = createSignal("");
  const act = (call: () => Promise<unknown>) => {
    setError("");
    return call().then(refetch, (err) => setError(messageOf(err)));
  };
  const decide = (affiliateId: string, decision: "approve" | "reject") =>
    act(() => must(client.POST("/v1/campaigns/{id}/affiliates/{affiliateId}/{decision}", { params: { path: { id: props.campaignId, affiliateId, decision } } })));
  const add = (e: SubmitEvent) => {
    e.preventDefault();
    const affiliateId = String(new FormData(e.currentTarget as HTMLFormElement).get("affiliateId") ?? "");
    if (affiliateId) void act(() => must(client.POST("/v1/campaigns/{id}/applications", { params: { path: { id: props.campaignId } }, body: { affiliateId } })));
  };
  const active = () => (affiliates.list.state === "ready" ? affiliates.list().filter((a) => a.status === "active") : []);
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">{t("campaign.members")}</h2>
      <form class="row" onSubmit={add}>
        <label>{t("campaign.addMember")}
          <select name="affiliateId" required>
            <For each={active()}>{(a) => <option value={a.id}>{a.name}</option>}</For>
          </select>
        </label>
        <button type="submit" disabled={active().length === 0}>{t("campaign.addMemberSubmit")}</button>
      </form>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
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
