/**
 * Gives an affiliate a coupon code in a campaign. The API checks the affiliate is an approved member and
 * the code is free in any case; its problem detail is shown as it is.
 */
import { createSignal, For, Show } from "solid-js";
import type { components } from "../../../sdk";
import { useApi } from "../api/context";
import { messageOf, must } from "../api/errors";
import { useAffiliates, useCampaigns } from "../api/lookups";
import { useI18n } from "../i18n/i18n";
import { Field, TextField } from "../ui/Field";

type Coupon = components["schemas"]["Coupon"];

export function CouponForm(props: { onCreated: (c: Coupon) => void }) {
  const { client } = useApi();
  const { t } = useI18n();
  const campaigns = useCampaigns();
  const affiliates = useAffiliates();
  const [made, setMade] = createSignal<Coupon>();
  const [error, setError] = createSignal("");
  const activeCampaigns = () => (campaigns.list.state === "ready" ? campaigns.list().filter((c) => c.status === "active") : []);
  const activeAffiliates = () => (affiliates.list.state === "ready" ? affiliates.list().filter((a) => a.status === "active") : []);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    setError("");
    setMade();
    try {
      const coupon = await must(client.POST("/v1/coupons", { body: { code: text("code"), campaignId: text("campaignId"), affiliateId: text("affiliateId") } }));
      setMade(coupon);
      form.reset();
      props.onCreated(coupon);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <form onSubmit={submit} aria-label={t("coupons.create")}>
      <div class="grid3">
        <Field label={t("col.campaign")}>
          {(id) => (
            <select id={id} name="campaignId" required>
              <For each={activeCampaigns()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
            </select>
          )}
        </Field>
        <Field label={t("col.affiliate")}>
          {(id) => (
            <select id={id} name="affiliateId" required>
              <For each={activeAffiliates()}>{(a) => <option value={a.id}>{a.name}</option>}</For>
            </select>
          )}
        </Field>
        <TextField label={t("coupons.code")} name="code" hint={t("coupons.codeHint")} required minLength={2} maxLength={64} pattern="\s*[A-Za-z0-9_\-]{2,64}\s*" />
      </div>
      <button type="submit">{t("coupons.create")}</button>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={made()}>{(c) => <p class="notice ok" role="status">{t("coupons.made", { code: c().code })}</p>}</Show>
    </form>
  );
}
