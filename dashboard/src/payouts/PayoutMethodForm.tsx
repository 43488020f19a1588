/**
 * Sets one payout method of an affiliate (PUT /v1/affiliates/{id}/payout-methods): the fields follow the
 * kind. Saving replaces the affiliate's method of that kind. Only a hint of it is ever shown back, so the
 * form starts empty rather than pre-filled.
 */
import { createSignal, For, Match, onMount, Show, Switch } from "solid-js";
import { useApi } from "../api/context";
import { ApiError, must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { Field, TextField } from "../ui/Field";
import { ProblemNotice } from "../ui/ProblemNotice";
import type { PayoutDetails, PayoutMethod } from "./types";

type Kind = PayoutDetails["kind"];
const KINDS: Kind[] = ["pix", "paypal", "stripe_connect", "bank"];
const PIX_KEY_TYPES = ["cpf", "cnpj", "email", "phone", "evp"] as const;

/** The body for the chosen kind, from the form's fields; an empty optional field is left out. */
export function detailsOf(kind: Kind, f: FormData): PayoutDetails {
  const text = (k: string) => String(f.get(k) ?? "").trim();
  if (kind === "pix") {
    const holderName = text("holderName");
    return { kind, keyType: text("keyType") as (typeof PIX_KEY_TYPES)[number], key: text("key"), ...(holderName ? { holderName } : {}) };
  }
  if (kind === "paypal") return { kind, email: text("email") };
  if (kind === "stripe_connect") return { kind, accountId: text("accountId") };
  return { kind, bankCode: text("bankCode"), branch: text("branch"), account: text("account"), holderName: text("holderName"), holderDocument: text("holderDocument") };
}

/** `focus`: move focus to the form when it opens (the merchant's opens above the row that asked for it). */
export function PayoutMethodForm(props: { affiliateId: string; label: string; focus?: boolean; onSaved: (m: PayoutMethod) => void }) {
  const { client } = useApi();
  const { t } = useI18n();
  const [kind, setKind] = createSignal<Kind>("pix");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  const [saved, setSaved] = createSignal<PayoutMethod>();
  let kindSelect!: HTMLSelectElement;
  onMount(() => props.focus && kindSelect.focus());
  const fieldError = (name: string) => (error() instanceof ApiError ? (error() as ApiError).fieldError(name) : undefined);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    setBusy(true);
    setError();
    setSaved();
    try {
      const method = await must(client.PUT("/v1/affiliates/{id}/payout-methods", { params: { path: { id: props.affiliateId } }, body: detailsOf(kind(), new FormData(form)) }));
      form.reset();
      setSaved(method);
      props.onSaved(method);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-label={props.label}>
      <h2>{props.label}</h2>
      <p>{t("methods.replaces")}</p>
      <Field label={t("methods.kind")}>
        {(id) => (
          <select id={id} ref={kindSelect} value={kind()} onChange={(e) => { setKind(e.currentTarget.value as Kind); setError(); }}>
            <For each={KINDS}>{(k) => <option value={k}>{t(`methods.kind.${k}`)}</option>}</For>
          </select>
        )}
      </Field>
      {/* Each kind gets its own inputs (a Match builds them afresh), so text typed for one kind never goes with another. */}
      <div class="grid2">
        <Switch>
          <Match when={kind() === "pix"}>
            <Field label={t("methods.keyType")}>
              {(id) => (
                <select id={id} name="keyType">
                  <For each={PIX_KEY_TYPES}>{(k) => <option value={k}>{t(`methods.keyType.${k}`)}</option>}</For>
                </select>
              )}
            </Field>
            <TextField label={t("methods.key")} name="key" required maxLength={77} autocomplete="off" error={fieldError("key")} />
            <TextField label={t("methods.holderName")} name="holderName" maxLength={200} error={fieldError("holderName")} />
          </Match>
          <Match when={kind() === "paypal"}>
            <TextField label={t("methods.paypalEmail")} name="email" type="email" required maxLength={320} error={fieldError("email")} />
          </Match>
          <Match when={kind() === "stripe_connect"}>
            <TextField label={t("methods.accountId")} name="accountId" required pattern="\s*acct_[A-Za-z0-9]{6,40}\s*" error={fieldError("accountId")} />
          </Match>
          <Match when={kind() === "bank"}>
            <TextField label={t("methods.bankCode")} name="bankCode" required inputMode="numeric" maxLength={3} error={fieldError("bankCode")} />
            <TextField label={t("methods.branch")} name="branch" required maxLength={7} error={fieldError("branch")} />
            <TextField label={t("methods.account")} name="account" required maxLength={22} error={fieldError("account")} />
            <TextField label={t("methods.holderName")} name="holderName" required maxLength={200} error={fieldError("holderName")} />
            <TextField label={t("methods.holderDocument")} name="holderDocument" required inputMode="numeric" maxLength={14} error={fieldError("holderDocument")} />
          </Match>
        </Switch>
      </div>
      <button type="submit" disabled={busy()}>{busy() ? t("state.working") : t("methods.save")}</button>
      <Show when={saved()}>{(m) => <p class="notice ok" role="status">{t("methods.saved", { hint: m().hint })}</p>}</Show>
      <Show when={error()}>{(err) => <ProblemNotice error={err()} />}</Show>
    </form>
  );
}
