/**
 * Records what the bank (or a provider's report) says about the selected lines: paid, with a reference, or
 * failed, with a reason (POST /v1/payout-batches/{id}/reconcile), after a confirmation. The API takes up to
 * 500 lines a call, so larger selections go in several calls.
 */
import { createSignal, Show } from "solid-js";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { ConfirmBar } from "../ui/ConfirmBar";
import { TextField } from "../ui/Field";
import { ProblemNotice } from "../ui/ProblemNotice";
import type { PayoutBatchWithItems } from "./types";

const PER_CALL = 500;
type Outcome = "paid" | "failed";

export function ReconcileLines(props: {
  batch: PayoutBatchWithItems;
  selected: string[];
  onDone: (b: PayoutBatchWithItems) => void;
}) {
  const { client } = useApi();
  const { t } = useI18n();
  const [reference, setReference] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [asking, setAsking] = createSignal<Outcome>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();

  const lineOf = (id: string, status: Outcome) => {
    const text = (status === "paid" ? reference() : reason()).trim();
    return { id, status, ...(text ? (status === "paid" ? { reference: text } : { reason: text }) : {}) };
  };

  const record = async (status: Outcome) => {
    setBusy(true);
    setError();
    try {
      let latest = props.batch;
      for (let at = 0; at < props.selected.length; at += PER_CALL) {
        const items = props.selected.slice(at, at + PER_CALL).map((id) => lineOf(id, status));
        latest = await must(client.POST("/v1/payout-batches/{id}/reconcile", { params: { path: { id: props.batch.id } }, body: { items } }));
      }
      setAsking();
      setReference("");
      setReason("");
      props.onDone(latest);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const n = () => props.selected.length;
  return (
    <section class="card" aria-labelledby="reconcile-title">
      <h2 id="reconcile-title">{t("batch.reconcile")}</h2>
      <p>{t("batch.selected", { n: n() })}</p>
      <div class="grid2">
        <TextField label={t("batch.reference")} maxLength={200} value={reference()} onInput={(e) => setReference(e.currentTarget.value)} />
        <TextField label={t("batch.reason")} maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      <Show
        when={asking()}
        fallback={
          <div class="row">
            <button type="button" disabled={n() === 0} onClick={() => { setError(); setAsking("paid"); }}>{t("batch.markPaid")}</button>
            <button type="button" class="danger" disabled={n() === 0} onClick={() => { setError(); setAsking("failed"); }}>{t("batch.markFailed")}</button>
          </div>
        }
      >
        {(outcome) => (
          <ConfirmBar
            question={t(outcome() === "paid" ? "batch.confirmPaid" : "batch.confirmFailed", { n: n() })}
            danger={outcome() === "failed"}
            busy={busy()}
            onConfirm={() => void record(outcome())}
            onCancel={() => setAsking()}
          />
        )}
      </Show>
      <Show when={error()}>{(err) => <ProblemNotice error={err()} />}</Show>
    </section>
  );
}
