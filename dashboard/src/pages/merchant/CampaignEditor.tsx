/** Create or edit a campaign: details, windows, attribution model, commission and conflict rules, with a live preview. */
import { useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { CURRENCY_EXPONENTS } from "../../../../core/money";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { Async } from "../../ui/Async";
import { Field, TextField } from "../../ui/Field";
import { bodyOf, emptyForm, formOf, rulesOf, type Campaign, type CampaignForm, type ModelKind } from "./campaign-form";
import { CampaignMembers } from "./CampaignMembers";
import { ConflictRulesFields } from "./ConflictRulesFields";
import { CommissionPreview } from "./CommissionPreview";
import { RateInput } from "./RateInput";

const MODELS: ModelKind[] = ["last_click", "first_click", "linear", "time_decay", "position_based"];

export default function CampaignEditor() {
  const params = useParams<{ id?: string }>();
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const navigate = useNavigate();
  const [form, setForm] = createStore<CampaignForm>(emptyForm());
  const [saving, setSaving] = createSignal(false);
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  const [campaign, { refetch }] = createResource(
    () => params.id,
    async (id) => {
      const c = await must(client.GET("/v1/campaigns/{id}", { params: { path: { id } } }));
      setForm(formOf(c, i.locale()));
      return c;
    },
  );

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const existing: Campaign | undefined = params.id ? campaign() : undefined;
    const made = rulesOf(form, i.locale(), existing?.commissionRules);
    if ("invalid" in made) return setMessage({ ok: false, text: t("campaign.invalidRate") });
    setSaving(true);
    setMessage();
    try {
      const body = bodyOf(form, made.rules);
      const saved = params.id
        ? await must(client.PATCH("/v1/campaigns/{id}", { params: { path: { id: params.id } }, body }))
        : await must(client.POST("/v1/campaigns", { body }));
      setMessage({ ok: true, text: t("state.saved") });
      if (!params.id) navigate(`/campaigns/${saved.id}`, { replace: true });
    } catch (err) {
      setMessage({ ok: false, text: messageOf(err) });
    } finally {
      setSaving(false);
    }
  };

  const editor = () => (
    <div class="editor">
      <form class="card" onSubmit={save}>
        <TextField label={t("field.name")} required value={form.name} onInput={(e) => setForm("name", e.currentTarget.value)} />
        <TextField label={t("campaign.destination")} type="url" required value={form.destinationUrl} onInput={(e) => setForm("destinationUrl", e.currentTarget.value)} />
        <div class="grid3">
          <Field label={t("col.status")}>
            {(id) => (
              <select id={id} value={form.status} onChange={(e) => setForm("status", e.currentTarget.value as CampaignForm["status"])}>
                <For each={["active", "paused", "archived"] as const}>{(s) => <option value={s}>{t(`status.${s}`)}</option>}</For>
              </select>
            )}
          </Field>
          <Field label={t("field.currency")}>
            {(id) => (
              <select id={id} value={form.currency} onChange={(e) => setForm("currency", e.currentTarget.value)}>
                <For each={Object.keys(CURRENCY_EXPONENTS)}>{(c) => <option value={c}>{c}</option>}</For>
              </select>
            )}
          </Field>
          <Field label={t("campaign.model")}>
            {(id) => (
              <select id={id} value={form.model} onChange={(e) => setForm("model", e.currentTarget.value as ModelKind)}>
                <For each={MODELS}>{(m) => <option value={m}>{t(`model.${m}`)}</option>}</For>
              </select>
            )}
          </Field>
          <TextField label={t("campaign.window")} type="number" min="1" max="365" value={form.attributionWindowDays} onInput={(e) => setForm("attributionWindowDays", e.currentTarget.value)} />
          <TextField label={t("campaign.cookieDays")} type="number" min="1" max="400" value={form.cookieLifetimeDays} onInput={(e) => setForm("cookieLifetimeDays", e.currentTarget.value)} />
          <TextField label={t("campaign.lockDays")} hint={t("campaign.lockHint")} type="number" min="0" max="365" value={form.lockDays} onInput={(e) => setForm("lockDays", e.currentTarget.value)} />
        </div>
        <fieldset>
          <legend>{t("campaign.commission")}</legend>
          <RateInput legend={t("campaign.baseRate")} rate={form.base} currency={form.currency} onChange={(r) => setForm("base", r)} />
          <label class="check">
            <input type="checkbox" checked={form.firstOrder !== null} onChange={(e) => setForm("firstOrder", e.currentTarget.checked ? { type: "percentage", value: "15" } : null)} />
            {t("campaign.firstOrderToggle")}
          </label>
          <Show when={form.firstOrder}>
            {(r) => <RateInput legend={t("campaign.firstOrderRate")} rate={r()} currency={form.currency} onChange={(v) => setForm("firstOrder", v)} />}
          </Show>
          <TextField label={t("campaign.minOrder")} inputmode="decimal" value={form.minOrder} onInput={(e) => setForm("minOrder", e.currentTarget.value)} />
          <label class="check">
            <input type="checkbox" checked={form.newCustomersOnly} onChange={(e) => setForm("newCustomersOnly", e.currentTarget.checked)} />
            {t("campaign.newOnly")}
          </label>
        </fieldset>
        <ConflictRulesFields rules={form.conflictRules} onChange={(key, value) => setForm("conflictRules", key, value)} />
        <Show when={message()}>{(m) => <p class={`notice ${m().ok ? "ok" : "error"}`} role={m().ok ? "status" : "alert"}>{m().text}</p>}</Show>
        <button type="submit" disabled={saving()}>{saving() ? t("state.working") : t("action.save")}</button>
      </form>
      <CommissionPreview form={form} />
    </div>
  );

  return (
    <>
      <h1>{params.id ? t("campaign.edit") : t("campaign.new")}</h1>
      <Show when={params.id} fallback={editor()}>
        <Async data={campaign} retry={refetch}>{() => editor()}</Async>
        <CampaignMembers campaignId={params.id!} />
      </Show>
    </>
  );
}
