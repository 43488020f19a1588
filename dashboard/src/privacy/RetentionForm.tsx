/**
 * The merchant's retention policy (GET/PUT /v1/privacy/retention). The browser checks the ranges first so
 * a typo is caught before a round trip; the API's own field errors are shown under the same fields.
 */
import { createResource, Show } from "solid-js";
import type { components } from "../../../sdk";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { Async } from "../ui/Async";
import { TextField } from "../ui/Field";
import { createFormSubmit } from "../ui/form-submit";

type Policy = components["schemas"]["RetentionPolicy"];

export function RetentionForm() {
  const { client } = useApi();
  const { t } = useI18n();
  const [policy, { refetch, mutate }] = createResource(() => must(client.GET("/v1/privacy/retention")));
  const { message, submit: save, fieldError: err } = createFormSubmit(async (f) => {
    const body: Policy = { rawEventMonths: Number(f.get("rawEventMonths")), ipHashDays: Number(f.get("ipHashDays")) };
    mutate(await must(client.PUT("/v1/privacy/retention", { body })));
  });

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
