/** Orders, filtered by status, campaign, order id and dates, with their status changed by hand if needed. */
import { createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { paths } from "../../../../sdk";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useAffiliates, useCampaigns } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { createFilteredPagedList, PagedView } from "../../ui/paging";
import { TextField } from "../../ui/Field";
import { StatusBadge, TableWrap } from "../../ui/Table";

type Query = NonNullable<paths["/v1/conversions"]["get"]["parameters"]["query"]>;
type Status = NonNullable<Query["status"]>;
const STATUSES: Status[] = ["placed", "paid", "fulfilled", "cancelled"];

export default function Conversions() {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const campaigns = useCampaigns();
  const affiliates = useAffiliates();
  const [filters, setFilters] = createStore({ status: "", campaignId: "", orderId: "", from: "", to: "" });
  const [error, setError] = createSignal("");
  const query = () => Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Query;
  const list = createFilteredPagedList(query, (q, cursor) => must(client.GET("/v1/conversions", { params: { query: { ...q, limit: 100, cursor } } })));
  const refetch = list.reload;

  const change = async (id: string, status: Exclude<Status, "placed">) => {
    setError("");
    try {
      await must(client.POST("/v1/conversions/{id}/status", { params: { path: { id } }, body: { status } }));
      refetch();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <>
      <h1>{t("nav.conversions")}</h1>
      <form class="filters" role="search" aria-label={t("filter.label")} onSubmit={(e) => e.preventDefault()}>
        <label>{t("col.status")}
          <select value={filters.status} onChange={(e) => setFilters("status", e.currentTarget.value)}>
            <option value="">{t("filter.all")}</option>
            <For each={STATUSES}>{(s) => <option value={s}>{t(`status.${s}`)}</option>}</For>
          </select>
        </label>
        <label>{t("col.campaign")}
          <select value={filters.campaignId} onChange={(e) => setFilters("campaignId", e.currentTarget.value)}>
            <option value="">{t("filter.all")}</option>
            <For each={campaigns.list.state === "ready" ? campaigns.list() : []}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <TextField label={t("col.order")} value={filters.orderId} onChange={(e) => setFilters("orderId", e.currentTarget.value.trim())} />
        <TextField label={t("filter.from")} type="date" value={filters.from} onChange={(e) => setFilters("from", e.currentTarget.value)} />
        <TextField label={t("filter.to")} type="date" value={filters.to} onChange={(e) => setFilters("to", e.currentTarget.value)} />
      </form>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <PagedView list={list} empty={t("conversions.none")}>
        {(items) => (
          <TableWrap label={t("nav.conversions")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("col.order")}</th><th scope="col" class="num">{t("col.amount")}</th><th scope="col">{t("col.status")}</th>
                  <th scope="col">{t("col.affiliate")}</th><th scope="col">{t("col.campaign")}</th><th scope="col">{t("col.fraud")}</th>
                  <th scope="col">{t("col.date")}</th><th scope="col">{t("col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={items()}>
                  {(c) => (
                    <tr>
                      <th scope="row">{c.orderId}</th>
                      <td class="num">{i.money(c.amount, c.currency)}</td>
                      <td><StatusBadge status={c.status} label={t(`status.${c.status}`)} /></td>
                      <td>
                        {affiliates.name(c.affiliateId)}
                        <Show when={!c.affiliateId && c.clickRecorded === false}>
                          <small class="also" title={t("conversions.clickNotRecordedHint")}>{t("conversions.clickNotRecorded", { click: c.clickId ?? "" })}</small>
                        </Show>
                      </td>
                      <td>{campaigns.name(c.campaignId)}</td>
                      <td>{c.fraud?.flagged ? <StatusBadge status="flagged" label={t("fraud.flagged", { score: c.fraud.score })} /> : (c.fraud?.score ?? "—")}</td>
                      <td>{i.dateTime(c.occurredAt)}</td>
                      <td>
                        <select aria-label={t("conversions.changeStatus", { order: c.orderId })} value="" onChange={(e) => e.currentTarget.value && change(c.id, e.currentTarget.value as Exclude<Status, "placed">)}>
                          <option value="">{t("conversions.setStatus")}</option>
                          <For each={["paid", "fulfilled", "cancelled"] as const}>{(s) => <option value={s}>{t(`status.${s}`)}</option>}</For>
                        </select>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </PagedView>
    </>
  );
}
