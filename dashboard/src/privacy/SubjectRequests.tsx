/**
 * Data-subject requests: find a shopper by email, customer id or visitor id, export everything stored about
 * them as JSON, or erase them. Erasure cannot be undone, so it is sent only after the identifier is typed a
 * second time; the API's per-table counts are then shown.
 */
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../api/context";
import { ApiError, messageOf, must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { Field, TextField } from "../ui/Field";
import { ConsentList } from "./ConsentList";
import { ErasedTable } from "./ErasedTable";
import { downloadExport, SUBJECT_KINDS, subjectOf, type SubjectKind } from "./subject";

export function SubjectRequests() {
  const { client } = useApi();
  const { t } = useI18n();
  const [kind, setKind] = createSignal<SubjectKind>("email");
  const [value, setValue] = createSignal("");
  const [confirming, setConfirming] = createSignal(false);
  const [typed, setTyped] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  // The API's complaint about the identifier itself (say, not an email) goes under the field.
  const [fieldError, setFieldError] = createSignal<string>();
  const [erased, setErased] = createSignal<[string, number][]>();
  const [showConsents, setShowConsents] = createSignal(false);

  const run = async (work: () => Promise<void>) => {
    setError("");
    setFieldError();
    setBusy(true);
    try {
      await work();
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError) setFieldError(err.fieldError(kind()));
    } finally {
      setBusy(false);
    }
  };
  // A new identifier starts over: a confirmation or a result belongs to the person it was made for.
  const change = (update: () => void) => {
    update();
    setConfirming(false);
    setTyped("");
    setErased();
    setShowConsents(false);
    setFieldError();
  };
  const exportData = () => run(() => downloadExport(client, subjectOf(kind(), value())));
  const erase = () =>
    run(async () => {
      const got = await must(client.POST("/v1/privacy/erasure", { body: subjectOf(kind(), value()) }));
      setConfirming(false);
      setTyped("");
      setErased(Object.entries(got.erased));
    });

  return (
    <section aria-labelledby="subject-title">
      <h2 id="subject-title">{t("privacy.requests")}</h2>
      <p>{t("privacy.requestsHint")}</p>
      <form class="card grid2" onSubmit={(e) => (e.preventDefault(), void exportData())}>
        <Field label={t("privacy.findBy")}>
          {(id) => (
            <select id={id} value={kind()} onChange={(e) => change(() => setKind(e.currentTarget.value as SubjectKind))}>
              <For each={SUBJECT_KINDS}>{(k) => <option value={k}>{t(`privacy.kind.${k}`)}</option>}</For>
            </select>
          )}
        </Field>
        <TextField label={t("privacy.identifier")} required value={value()} error={fieldError()} onInput={(e) => change(() => setValue(e.currentTarget.value))} />
        <div class="row">
          <button type="submit" disabled={busy() || !value().trim()}>{t("privacy.export")}</button>
          <button type="button" class="danger" disabled={busy() || !value().trim()} onClick={() => setConfirming(true)}>
            {t("privacy.erase")}
          </button>
          <button type="button" class="secondary" disabled={busy() || !value().trim() || kind() === "customerId"} onClick={() => setShowConsents(true)}>
            {t("privacy.showConsents")}
          </button>
        </div>
        <Show when={kind() === "customerId"}><small>{t("privacy.consentsNotByCustomer")}</small></Show>
      </form>
      <Show when={confirming()}>
        <form class="card" role="group" aria-label={t("privacy.confirmTitle")} onSubmit={(e) => (e.preventDefault(), void erase())}>
          <p class="notice error">{t("privacy.eraseWarning")}</p>
          <TextField label={t("privacy.typeAgain")} value={typed()} onInput={(e) => setTyped(e.currentTarget.value)} autocomplete="off" />
          <div class="row">
            <button type="submit" class="danger" disabled={busy() || typed().trim() !== value().trim()}>{t("privacy.eraseConfirm")}</button>
            <button type="button" class="secondary" onClick={() => change(() => undefined)}>{t("privacy.cancel")}</button>
          </div>
        </form>
      </Show>
      <Show when={showConsents() && kind() !== "customerId" && kind()}>
        {(k) => <ConsentList kind={k() as "email" | "visitorId"} value={value()} />}
      </Show>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={erased()}>{(rows) => <ErasedTable rows={rows()} />}</Show>
    </section>
  );
}
