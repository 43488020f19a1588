/**
 * "An order of R$ 250,00 pays R$ 25,00", computed live by the same commission code the pipeline runs
 * (core/commission), so what the merchant sees while editing is what affiliates will be paid.
 */
import { createMemo, createSignal, Show } from "solid-js";
import { computeCommission } from "../../../../core/commission/compute";
import { commissionRulesSchema } from "../../../../core/commission/rules";
import { parseMoneyInput } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { Field } from "../../ui/Field";
import { rulesOf, type CampaignForm } from "./campaign-form";

export function CommissionPreview(props: { form: CampaignForm }) {
  const i = useI18n();
  const { t } = i;
  const [order, setOrder] = createSignal(i.locale() === "pt-BR" ? "250,00" : "250.00");
  const [firstOrder, setFirstOrder] = createSignal(true);

  const result = createMemo(() => {
    const amount = parseMoneyInput(order(), props.form.currency, i.locale());
    const made = rulesOf(props.form, i.locale());
    if (amount === null || "invalid" in made) return null;
    const rules = commissionRulesSchema.safeParse({ ...made.rules, version: 1 });
    if (!rules.success) return null;
    const c = computeCommission(rules.data, { amount, items: [], isFirstOrder: firstOrder(), affiliateMonthRevenue: 0 });
    return { amount, commission: c.amount, explanation: c.explanation };
  });

  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("campaign.preview")}</h2>
      <div class="row wrap">
        <Field label={t("campaign.previewOrder")}>
          {(id) => <input id={id} inputmode="decimal" value={order()} onInput={(e) => setOrder(e.currentTarget.value)} />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={firstOrder()} onChange={(e) => setFirstOrder(e.currentTarget.checked)} />
          {t("campaign.previewFirstOrder")}
        </label>
      </div>
      <p class="preview-sentence" aria-live="polite" data-testid="commission-preview">
        <Show when={result()} fallback={t("campaign.previewInvalid")}>
          {/* Inside JSX so the sentence follows every keystroke (a bare string would be computed once). */}
          {(r) => <>{t("campaign.previewSentence", { order: i.money(r().amount, props.form.currency), commission: i.money(r().commission, props.form.currency) })}</>}
        </Show>
      </p>
    </section>
  );
}
