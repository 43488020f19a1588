/**
 * The merchant's retention policy (GET/PUT /v1/privacy/retention). The browser checks the ranges first so
 * a typo is caught before a round trip; the API's own field errors are shown under the same fields.
 */
import { createResource, createSignal, Show } from "solid-js";
import type { components } from "../../../sdk";
import { useApi } from "../api/context";
import { ApiError, messageOf, must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { Async } from "../ui/Async";
import { TextField } from "../ui/Field";

type Policy = components["schemas"]["RetentionPolicy"];

export function RetentionForm() {
  const { client } = useApi();
  const { t } = useI18n();
  const [policy, { refetch, mutate }] = createResource(() => must(client.GET("/v1/privacy/retention")));
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  const [failure, setFailure] = createSignal<ApiError>();

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setMessage();
    setFailure();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const body: Policy = { rawEventMonths: Number(f.get("rawEventMonths")), ipHashDays: Number(f.get("ipHashDays")) };
    try {
      mutate(await must(client.PUT("/v1/privacy/retention", { body })));
      setMessage({ ok: true, text: t("state.saved") });
    } catch (err) {
      if (err instanceof ApiError) setFailure(err);
      setMessage({ ok: false, text: messageOf(err) });
    }
  };
  const err = (field: string) => failure()?.fieldError(field);

  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">{t("privacy.retention")}</h2>
      <Async data={policy} retry={refetch}>
        {(p) => (
          <form class="card grid2" onSubmit={save}>
            <TextField label={t("privacy.rawEventMonths")} hint={t("privacy.rawEventMonthsHint")} name="rawEventMonths" type="number" min="1" max="25" step="1" required value={p.rawEventMonths} error={err("rawEventMonths")} />
            <TextField label={t("privacy.ipHashDays")} hint={t("privacy.ipHashDaysHint")} name="ipHashDays" type="number" min="1" max="90" step="1" required value={p.ipHashDays} error={err("ipHashDays")} />
            <Show when={message()}>{(m) => <p class={`notice ${m().ok ? "ok" : "error"}`} role={m().ok ? "status" : "alert"}>{m().text}</p>}</Show>
            <div><button type="submit">{t("action.save")}</button></div>
          </form>
        )}
      </Async>
    </section>
  );
}
