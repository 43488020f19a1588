/**
 * Approves and sends a batch (POST /v1/payout-batches/{id}/send), after a confirmation that says how much
 * goes to how many affiliates. Sending again retries only the failed lines: the API never pays a line twice.
 * CSV batches are approved, not sent: their lines wait for the merchant to record what the bank paid.
 */
import { createSignal, Show } from "solid-js";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { ConfirmBar } from "../ui/ConfirmBar";
import { ProblemNotice } from "../ui/ProblemNotice";
import { isCsv, type PayoutBatchWithItems } from "./types";

export function SendBatch(props: { batch: PayoutBatchWithItems; onSent: (b: PayoutBatchWithItems) => void }) {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const csv = () => isCsv(props.batch.provider);
  const label = () => (props.batch.status !== "draft" ? t("batch.resend") : csv() ? t("batch.approveCsv") : t("batch.send"));
  const question = () => {
    const vars = { total: i.money(props.batch.totalAmount, props.batch.currency), n: props.batch.itemCount, provider: t(`provider.${props.batch.provider}`) };
    return csv() ? t("batch.confirmApproveCsv", vars) : t("batch.confirmSend", vars);
  };

  const send = async () => {
    setBusy(true);
    setError();
    try {
      const sent = await must(client.POST("/v1/payout-batches/{id}/send", { params: { path: { id: props.batch.id } } }));
      setAsking(false);
      props.onSent(sent);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Show when={asking()} fallback={<button type="button" onClick={() => { setError(); setAsking(true); }}>{label()}</button>}>
        <ConfirmBar question={question()} busy={busy()} onConfirm={() => void send()} onCancel={() => setAsking(false)} />
      </Show>
      <Show when={error()}>{(err) => <ProblemNotice error={err()} />}</Show>
    </>
  );
}
