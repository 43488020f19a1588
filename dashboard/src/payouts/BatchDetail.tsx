/**
 * One payout batch: its summary, the actions its status allows (send, download the CSV, record what was
 * paid or failed, cancel it while nobody was paid), and its lines. Each action answers with the batch as it
 * now is, which replaces the one shown.
 */
import { A } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useAffiliates } from "../api/lookups";
import { useI18n } from "../i18n/i18n";
import { Async } from "../ui/Async";
import { ProblemNotice } from "../ui/ProblemNotice";
import { BatchLines } from "./BatchLines";
import { BatchSummary } from "./BatchSummary";
import { canCancel, canReconcile, canSend, offersPixExport } from "./batch-rules";
import { CancelBatch } from "./CancelBatch";
import { downloadBatchCsv, type ExportFormat } from "./download";
import { ReconcileLines } from "./ReconcileLines";
import { SendBatch } from "./SendBatch";
import { isCsv, type PayoutBatchWithItems, type PayoutItem } from "./types";

export function BatchDetail(props: { id: string }) {
  const { client } = useApi();
  const { t } = useI18n();
  const affiliates = useAffiliates();
  // What the last action answered; kept apart from the resource so its forms (and their messages) stay put.
  const [latest, setLatest] = createSignal<PayoutBatchWithItems>();
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [notice, setNotice] = createSignal("");
  // Loading (another batch, or again) starts clean: an answer, a selection or a message belong to the batch they came from.
  const [batch, { refetch }] = createResource(
    () => props.id,
    (id) => {
      setLatest();
      setSelected(new Set<string>());
      setNotice("");
      return must(client.GET("/v1/payout-batches/{id}", { params: { path: { id } } }));
    },
  );
  const [exportError, setExportError] = createSignal<unknown>();

  const replace = (b: PayoutBatchWithItems, message: string) => {
    setLatest(b);
    setSelected(new Set<string>());
    setNotice(message);
  };
  const select = (ids: string[], on: boolean) => {
    const next = new Set(selected());
    for (const id of ids) on ? next.add(id) : next.delete(id);
    setSelected(next);
  };
  const download = async (format: ExportFormat) => {
    setExportError();
    try {
      await downloadBatchCsv(client, props.id, format);
    } catch (err) {
      setExportError(err);
    }
  };

  return (
    <>
      <p><A href="/payout-batches">{t("batch.back")}</A></p>
      <h1>{t("batch.title")} <code>{props.id}</code></h1>
      <Async data={batch} retry={refetch}>
        {(loaded) => {
          const b = () => latest() ?? loaded;
          const reconcilable = (x: PayoutItem) => canReconcile(b(), x);
          return (
            <>
              <BatchSummary batch={b()} />
              <div class="row wrap">
                <Show when={canSend(b())}><SendBatch batch={b()} onSent={(x) => replace(x, t("batch.sent"))} /></Show>
                <button type="button" class="secondary" onClick={() => void download("generic")}>{t("batch.export")}</button>
                <Show when={offersPixExport(b())}>
                  <button type="button" class="secondary" onClick={() => void download("pix")}>{t("batch.exportPix")}</button>
                </Show>
                <Show when={canCancel(b())}><CancelBatch batch={b()} onCancelled={(x) => replace(x, t("batch.cancelled"))} /></Show>
              </div>
              <Show when={exportError()}>{(err) => <ProblemNotice error={err()} />}</Show>
              <Show when={notice()}><p class="notice ok" role="status">{notice()}</p></Show>
              <Show when={b().items.some(reconcilable)}>
                <ReconcileLines batch={b()} selected={[...selected()]} onDone={(x) => replace(x, t("batch.reconciled"))} />
              </Show>
              <section>
                <h2>{t("batch.lines")}</h2>
                <Show when={b().items.length > 0} fallback={<p class="empty">{t("batch.noLines")}</p>}>
                  <BatchLines items={b().items} name={affiliates.name} selectable={reconcilable} selected={selected()} onSelect={select} attempts={!isCsv(b().provider)} />
                </Show>
              </section>
            </>
          );
        }}
      </Async>
    </>
  );
}
