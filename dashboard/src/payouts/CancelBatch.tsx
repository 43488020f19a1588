/**
 * Cancels a batch nobody was paid from (POST /v1/payout-batches/{id}/cancel), after a confirmation: its
 * affiliates then become free for the next batch, since nobody is in two open batches. Shown only where
 * canCancel allows; if the API still refuses (a line was paid meanwhile), its problem is shown.
 */
import { createSignal, Show } from "solid-js";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { ConfirmBar } from "../ui/ConfirmBar";
import { ProblemNotice } from "../ui/ProblemNotice";
import type { PayoutBatchWithItems } from "./types";

export function CancelBatch(props: { batch: PayoutBatchWithItems; onCancelled: (b: PayoutBatchWithItems) => void }) {
  const { client } = useApi();
  const { t } = useI18n();
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();

  const cancel = async () => {
    setBusy(true);
    setError();
    try {
      const cancelled = await must(client.POST("/v1/payout-batches/{id}/cancel", { params: { path: { id: props.batch.id } } }));
      setAsking(false);
      props.onCancelled(cancelled);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Show
        when={asking()}
        fallback={<button type="button" class="secondary" onClick={() => { setError(); setAsking(true); }}>{t("batch.cancel")}</button>}
      >
        <ConfirmBar question={t("batch.confirmCancel", { n: props.batch.itemCount })} danger busy={busy()} onConfirm={() => void cancel()} onCancel={() => setAsking(false)} />
      </Show>
      <Show when={error()}>{(err) => <ProblemNotice error={err()} />}</Show>
    </>
  );
}
