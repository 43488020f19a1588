/**
 * Makes a draft payout batch from the affiliates' available balances in one currency (POST
 * /v1/payout-batches). A draft pays nothing yet: its lines are checked on the batch's page, then sent.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import { CURRENCY_EXPONENTS, type Currency } from "../../../core/money";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { moneyInputText, parseMoneyInput } from "../i18n/format";
import { useI18n } from "../i18n/i18n";
import { Field, TextField } from "../ui/Field";
import { ProblemNotice } from "../ui/ProblemNotice";
import { currencyChoices, payablePreview } from "./batch-preview";
import { PROVIDERS, type PayoutBatchWithItems, type Provider } from "./types";

const ALL_CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];

export function CreateBatchForm(props: { onCreated: (batch: PayoutBatchWithItems) => void }) {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  // One page of balances is enough for the preview and the currency list; the API computes the real lines.
  const [balances] = createResource(() => must(client.GET("/v1/balances", { params: { query: { limit: 100 } } })).then((p) => p.items));
  const loaded = () => (balances.state === "ready" ? balances() : []);
  const currencies = () => currencyChoices(loaded(), ALL_CURRENCIES);
  const [picked, setPicked] = createSignal<Currency>();
  const currency = () => picked() ?? currencies()[0];
  const [provider, setProvider] = createSignal<Provider>("csv");
  const [minimumText, setMinimumText] = createSignal("");
  const minimum = () => (minimumText().trim() ? parseMoneyInput(minimumText(), currency(), i.locale()) : 0);
  const preview = () => {
    const m = minimum();
    return m === null ? undefined : payablePreview(loaded(), currency(), m);
  };
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const minimumAmount = minimum();
    if (minimumAmount === null) return;
    setError();
    setBusy(true);
    try {
      props.onCreated(await must(client.POST("/v1/payout-batches", { body: { currency: currency(), provider: provider(), minimumAmount } })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-label={t("batches.new")}>
      <h2>{t("batches.new")}</h2>
      <div class="grid3">
        <Field label={t("field.currency")}>
          {(id) => (
            <select id={id} value={currency()} onChange={(e) => setPicked(e.currentTarget.value as Currency)}>
              <For each={currencies()}>{(c) => <option value={c}>{c}</option>}</For>
            </select>
          )}
        </Field>
        <Field label={t("batches.provider")}>
          {(id) => (
            <select id={id} value={provider()} onChange={(e) => setProvider(e.currentTarget.value as Provider)}>
              <For each={PROVIDERS}>{(p) => <option value={p}>{t(`provider.${p}`)}</option>}</For>
            </select>
          )}
        </Field>
        <TextField
          label={t("batches.minimum")}
          hint={t("batches.minimumHint")}
          inputMode="decimal"
          value={minimumText()}
          error={minimum() === null ? t("batches.invalidMinimum", { example: moneyInputText(5000, currency(), i.locale()) }) : undefined}
          onInput={(e) => setMinimumText(e.currentTarget.value)}
        />
      </div>
      <Show when={preview()}>
        {(p) => (
          <p>
            {p().count > 0
              ? t("batches.preview", { n: p().count, total: i.money(p().total, currency()), currency: currency() })
              : t("batches.previewNone", { currency: currency() })}
          </p>
        )}
      </Show>
      <button type="submit" disabled={busy() || minimum() === null}>{busy() ? t("state.working") : t("batches.create")}</button>
      <Show when={error()}>{(err) => <ProblemNotice error={err()} />}</Show>
    </form>
  );
}
