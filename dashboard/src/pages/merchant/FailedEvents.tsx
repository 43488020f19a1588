/**
 * Events Indica accepted but could not apply (a refund in the wrong currency, a refund id used twice), with
 * the reason; once the cause is fixed the team replays the ones they pick. Replaying needs conversions:write,
 * so read-only roles see the list without the checkboxes.
 */
import { createSignal, Show } from "solid-js";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useCan } from "../../api/permissions";
import { FailedEventTable } from "../../failed-events/FailedEventTable";
import { ReplayOutcome, type ReplayResult } from "../../failed-events/ReplayOutcome";
import { useI18n } from "../../i18n/i18n";
import { createFilteredPagedList, PagedView } from "../../ui/paging";

type Status = "pending" | "replayed";

export default function FailedEvents() {
  const { client } = useApi();
  const can = useCan();
  const { t } = useI18n();
  const [status, setStatus] = createSignal<Status>("pending");
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [result, setResult] = createSignal<ReplayResult>();
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const mayReplay = () => status() === "pending" && can("conversions:write");
  const list = createFilteredPagedList(() => ({ status: status() }), (q, cursor) => must(client.GET("/v1/failed-events", { params: { query: { ...q, limit: 100, cursor } } })));

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const replay = async () => {
    setError("");
    setResult();
    setBusy(true);
    try {
      const ids = [...selected()];
      setResult(await must(client.POST("/v1/failed-events/replay", { body: { ids, limit: ids.length } })));
      setSelected(new Set<string>());
      list.reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t("nav.failedEvents")}</h1>
      <p class="lead">{t("failed.intro")}</p>
      <div class="filters">
        <label>{t("col.status")}
          <select value={status()} onChange={(e) => { setStatus(e.currentTarget.value as Status); setSelected(new Set<string>()); }}>
            <option value="pending">{t("failed.pending")}</option>
            <option value="replayed">{t("failed.replayed")}</option>
          </select>
        </label>
        <Show when={mayReplay()}>
          <button type="button" disabled={busy() || selected().size === 0} onClick={() => void replay()}>
            {busy() ? t("state.working") : t("failed.replaySelected", { n: selected().size })}
          </button>
        </Show>
      </div>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={result()}>{(r) => <ReplayOutcome result={r()} />}</Show>
      <PagedView list={list} empty={t("failed.none")}>
        {(items) => <FailedEventTable items={items()} selectable={mayReplay()} selected={selected()} onToggle={toggle} />}
      </PagedView>
    </>
  );
}
