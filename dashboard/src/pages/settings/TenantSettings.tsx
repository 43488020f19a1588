/** The merchant's account settings (PATCH /v1/tenant): name, currency, cookies, consent, origins, link destinations, alerts. */
import { createResource, For, Show } from "solid-js";
import type { components } from "../../../../sdk";
import { CURRENCY_EXPONENTS } from "../../../../core/money";
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { Async } from "../../ui/Async";
import { Field, TextField } from "../../ui/Field";
import { createFormSubmit } from "../../ui/form-submit";

type Tenant = components["schemas"]["Tenant"];
type UpdateTenant = components["schemas"]["UpdateTenant"];

/** The form's fields → the PATCH body; empty optional texts become null (cleared). */
export function tenantPatchOf(f: FormData): UpdateTenant {
  const text = (k: string) => String(f.get(k) ?? "").trim();
  return {
    name: text("name"),
    defaultCurrency: text("defaultCurrency") as UpdateTenant["defaultCurrency"],
    timezone: text("timezone"),
    clickParam: text("clickParam"),
    cookieDomain: text("cookieDomain") || null,
    fallbackUrl: text("fallbackUrl") || null,
    consentMode: text("consentMode") as UpdateTenant["consentMode"],
    allowedOrigins: text("allowedOrigins").split(/\s+/).filter(Boolean),
    destinationHosts: text("destinationHosts").split(/\s+/).filter(Boolean),
    clickCookieDays: Number(text("clickCookieDays")),
    alertWebhookUrl: text("alertWebhookUrl") || null,
  };
}

export function TenantSettings(props: { onLoaded?: (t: Tenant) => void }) {
  const { client } = useApi();
  const { t } = useI18n();
  const [tenant, { refetch, mutate }] = createResource(async () => {
    const got = await must(client.GET("/v1/tenant"));
    props.onLoaded?.(got);
    return got;
  });
  const { message, submit: save, fieldError: err } = createFormSubmit(async (form) => {
    mutate(await must(client.PATCH("/v1/tenant", { body: tenantPatchOf(form) })));
  });

  return (
    <section aria-labelledby="tenant-title">
      <h2 id="tenant-title">{t("settings.account")}</h2>
      <Async data={tenant} retry={refetch}>
        {(tn) => (
          <form class="card grid2" onSubmit={save}>
            <TextField label={t("field.name")} name="name" value={tn.name} required error={err("name")} />
            {/* Read-only and not sent: people with accounts at several shops sign in with it. */}
            <TextField label={t("settings.slug")} value={tn.slug} readOnly hint={t("settings.slugHint")} />
            <Field label={t("field.currency")}>
              {(id) => <select id={id} name="defaultCurrency" value={tn.defaultCurrency}><For each={Object.keys(CURRENCY_EXPONENTS)}>{(c) => <option value={c}>{c}</option>}</For></select>}
            </Field>
            <TextField label={t("settings.timezone")} name="timezone" value={tn.timezone} error={err("timezone")} />
            <TextField label={t("settings.clickParam")} name="clickParam" value={tn.clickParam} error={err("clickParam")} />
            <TextField label={t("settings.cookieDomain")} name="cookieDomain" value={tn.cookieDomain ?? ""} hint={t("settings.cookieDomainHint")} error={err("cookieDomain")} />
            <TextField label={t("settings.cookieDays")} name="clickCookieDays" type="number" min="1" max="400" value={tn.clickCookieDays} error={err("clickCookieDays")} />
            <TextField label={t("settings.fallbackUrl")} name="fallbackUrl" type="url" value={tn.fallbackUrl ?? ""} error={err("fallbackUrl")} />
            <Field label={t("settings.consent")}>
              {(id) => (
                <select id={id} name="consentMode" value={tn.consentMode}>
                  <option value="not_required">{t("settings.consentNotRequired")}</option>
                  <option value="required">{t("settings.consentRequired")}</option>
                </select>
              )}
            </Field>
            <Field label={t("settings.origins")} hint={t("settings.originsHint")} error={err("allowedOrigins")}>
              {(id, d) => <textarea id={id} aria-describedby={d()} name="allowedOrigins" rows="3" value={tn.allowedOrigins.join("\n")} />}
            </Field>
            <Field label={t("settings.destinationHosts")} hint={t("settings.destinationHostsHint")} error={err("destinationHosts")}>
              {(id, d) => <textarea id={id} aria-describedby={d()} name="destinationHosts" rows="3" value={tn.destinationHosts.join("\n")} />}
            </Field>
            <TextField label={t("settings.alertWebhook")} name="alertWebhookUrl" type="url" value={tn.alertWebhookUrl ?? ""} error={err("alertWebhookUrl")} />
            <Show when={message()}>{(m) => <p class={`notice ${m().ok ? "ok" : "error"}`} role={m().ok ? "status" : "alert"}>{m().text}</p>}</Show>
            <div><button type="submit">{t("action.save")}</button></div>
          </form>
        )}
      </Async>
    </section>
  );
}
