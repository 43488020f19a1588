/** Commissions to decide: pick some (or all loaded), give a reason, approve or reject them together. */
import { createSignal, For, Show } from "solid-js";
import type { components } from "../../../../sdk";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useAffiliates } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { CommissionAmount } from "../../money/CommissionAmount";
import { createFilteredPagedList, PagedView } from "../../ui/paging";
import { StatusBadge, TableWrap } from "../../ui/Table";

type Status = components["schemas"]["Commission"]["status"];
const STATUSES: Status[] = ["pending", "approved", "rejected", "reversed", "paid"];

export default function Commissions() {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const affiliates = useAffiliates();
  const [status, setStatus] = createSignal<Status>("pending");
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [reason, setReason] = createSignal("");
  const [result, setResult] = createSignal<{ ok: boolean; text: string }>();
  const list = createFilteredPagedList(() => ({ status: status() }), (q, cursor) => must(client.GET("/v1/commissions", { params: { query: { ...q, limit: 100, cursor } } })));
  const refetch = list.reload;

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const ids = () => list.items().map((c) => c.id);
  const allSelected = () => ids().length > 0 && ids().every((id) => selected().has(id));

  const decide = async (action: "approve" | "reject") => {
    setResult();
    try {
      const r = await must(client.POST("/v1/commissions/decisions", { body: { action, ids: [...selected()], ...(reason().trim() ? { reason: reason().trim() } : {}) } }));
      setResult({ ok: true, text: t("commissions.decided", { decided: r.decided.length, skipped: r.skipped.length }) });
      setSelected(new Set<string>());
      setReason("");
      refetch();
    } catch (err) {
      setResult({ ok: false, text: messageOf(err) });
    }
  };

  return (
    <>
      <h1>{t("nav.commissions")}</h1>
      <div class="filters">
        <label>{t("col.status")}
          <select value={status()} onChange={(e) => { setStatus(e.currentTarget.value as Status); setSelected(new Set<string>()); }}>
            <For each={STATUSES}>{(s) => <option value={s}>{t(`status.${s}`)}</option>}</For>
          </select>
        </label>
      </div>
      <Show when={status() === "pending"}>
        <div class="card bulk" role="group" aria-label={t("commissions.bulk")}>
          <p>{t("commissions.selected", { n: selected().size })}</p>
          <label for="reason">{t("commissions.reason")}</label>
          <textarea id="reason" rows="2" maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
          <div class="row">
            <button type="button" disabled={selected().size === 0} onClick={() => decide("approve")}>{t("commissions.approveSelected")}</button>
            <button type="button" class="danger" disabled={selected().size === 0} onClick={() => decide("reject")}>{t("commissions.rejectSelected")}</button>
          </div>
        </div>
      </Show>
      <Show when={result()}>{(r) => <p class={`notice ${r().ok ? "ok" : "error"}`} role={r().ok ? "status" : "alert"}>{r().text}</p>}</Show>
      <PagedView list={list} empty={t("commissions.none")}>
        {(items) => (
          <TableWrap label={t("nav.commissions")}>
            <table>
              <thead>
                <tr>
                  <th scope="col"><input type="checkbox" aria-label={t("commissions.selectAll")} checked={allSelected()} onChange={(e) => setSelected(new Set(e.currentTarget.checked ? ids() : []))} /></th>
                  <th scope="col">{t("col.order")}</th><th scope="col">{t("col.affiliate")}</th><th scope="col" class="num">{t("col.amount")}</th>
                  <th scope="col">{t("col.status")}</th><th scope="col">{t("commissions.why")}</th><th scope="col">{t("commissions.lockUntil")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={items()}>
                  {(c) => (
                    <tr>
                      <td><input type="checkbox" aria-label={t("commissions.select", { order: c.orderId })} checked={selected().has(c.id)} onChange={(e) => toggle(c.id, e.currentTarget.checked)} /></td>
                      <th scope="row">{c.orderId}</th>
                      <td>{affiliates.name(c.affiliateId)}</td>
                      <td class="num"><CommissionAmount amount={c.amount} reversedAmount={c.reversedAmount} currency={c.currency} /></td>
                      <td><StatusBadge status={c.status} label={t(`status.${c.status}`)} />{c.heldForReview ? <StatusBadge status="flagged" label={t("commissions.held")} /> : null}</td>
                      <td><small>{c.explanation.join("; ")}</small></td>
                      {/* Only a pending commission not held for review is approved when its lock ends (docs/attribution.md). */}
                      <td>{c.status !== "pending" ? "—" : c.heldForReview ? t("commissions.afterReview") : i.date(c.lockUntil)}</td>
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
