/** A commission rate: a percentage of the order or a fixed amount of the campaign's currency. */
import { useI18n } from "../../i18n/i18n";
import type { RateForm } from "./campaign-form";

export function RateInput(props: { legend: string; rate: RateForm; currency: string; onChange: (r: RateForm) => void }) {
  const { t } = useI18n();
  const id = `rate-${props.legend.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div class="rate" role="group" aria-labelledby={`${id}-legend`}>
      <span id={`${id}-legend`} class="label">{props.legend}</span>
      <div class="row">
        <label class="sr-only" for={`${id}-type`}>{t("campaign.rateType")}</label>
        <select id={`${id}-type`} value={props.rate.type} onChange={(e) => props.onChange({ ...props.rate, type: e.currentTarget.value as RateForm["type"] })}>
          <option value="percentage">{t("campaign.percentage")}</option>
          <option value="flat">{t("campaign.flat", { currency: props.currency })}</option>
        </select>
        <label class="sr-only" for={`${id}-value`}>{t("campaign.rateValue")}</label>
        <input id={`${id}-value`} inputmode="decimal" class="short" value={props.rate.value} onInput={(e) => props.onChange({ ...props.rate, value: e.currentTarget.value })} />
        <span aria-hidden="true">{props.rate.type === "percentage" ? "%" : props.currency}</span>
      </div>
    </div>
  );
}
