/** Flagged clicks and orders waiting for a person, each with its score, reasons and the evidence behind them. */
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useAffiliates, useCampaigns } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { createFilteredPagedList, PagedView } from "../../ui/paging";
import { StatusBadge } from "../../ui/Table";

type Kind = "click" | "conversion" | "";

/** Evidence values as short text: nested objects as compact JSON, nothing dropped. */
export function evidenceText(v: unknown): string {
  if (v === null || v === undefined) return "—";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

export default function FraudQueue() {
  const { client } = useApi();
  const { t, dateTime } = useI18n();
  const affiliates = useAffiliates();
  const campaigns = useCampaigns();
  const [kind, setKind] = createSignal<Kind>("");
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  // An object, so "all kinds" (the empty string) still loads.
  const list = createFilteredPagedList(() => ({ kind: kind() }), ({ kind: k }, cursor) => must(client.GET("/v1/fraud/review", { params: { query: { limit: 100, cursor, ...(k ? { kind: k } : {}) } } })));
  const refetch = list.reload;

  const decide = async (id: string, decision: "approve" | "reject") => {
    setMessage();
    try {
      await must(client.POST("/v1/fraud/review/{id}/{decision}", { params: { path: { id, decision } } }));
      setMessage({ ok: true, text: t(decision === "approve" ? "fraud.approved" : "fraud.rejected") });
      refetch();
    } catch (err) {
      setMessage({ ok: false, text: messageOf(err) });
    }
  };

  return (
    <>
      <h1>{t("nav.fraud")}</h1>
      <p class="lead">{t("fraud.intro")}</p>
      <div class="filters">
        <label>{t("fraud.kind")}
          <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            <option value="">{t("filter.all")}</option>
            <option value="click">{t("fraud.clicks")}</option>
            <option value="conversion">{t("fraud.orders")}</option>
          </select>
        </label>
      </div>
      <Show when={message()}>{(m) => <p class={`notice ${m().ok ? "ok" : "error"}`} role={m().ok ? "status" : "alert"}>{m().text}</p>}</Show>
      <PagedView list={list} empty={t("fraud.none")}>
        {(items) => (
          <ul class="cards">
            <For each={items()}>
              {(item) => (
                <li class="card">
                  <h2 class="h3">
                    {t(item.kind === "click" ? "fraud.click" : "fraud.order")} <StatusBadge status="flagged" label={t("fraud.score", { score: item.score })} />
                  </h2>
                  <p><small>{dateTime(item.at)} · {affiliates.name(item.affiliateId)} · {campaigns.name(item.campaignId)}</small></p>
                  <h3 class="h4">{t("fraud.reasons")}</h3>
                  <ul>
                    <For each={item.reasons}>{(r) => <li><code>{r}</code></li>}</For>
                  </ul>
                  <details>
                    <summary>{t("fraud.evidence")}</summary>
                    <dl class="evidence">
                      <For each={Object.entries(item.evidence)}>{([k, v]) => <><dt>{k}</dt><dd>{evidenceText(v)}</dd></>}</For>
                    </dl>
                  </details>
                  <div class="row">
                    <button type="button" onClick={() => decide(item.id, "approve")}>{t("fraud.approve")}</button>
                    <button type="button" class="danger" onClick={() => decide(item.id, "reject")}>{t("fraud.reject")}</button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        )}
      </PagedView>
    </>
  );
}
