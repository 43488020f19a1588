/** The campaign's conflict rules (docs/attribution.md#conflict-rules): one choice per rule, defaults first. */
import { For } from "solid-js";
import { DIRECT_ORGANIC, LINK_VS_COUPON, SELF_REFERRAL, TIES, type ConflictRules } from "../../../../core/attribution/conflict-rules";
import type { MessageKey } from "../../i18n/en";
import { useI18n } from "../../i18n/i18n";
import { Field } from "../../ui/Field";

const CHOICES: { [K in keyof ConflictRules]: readonly ConflictRules[K][] } = {
  linkVsCoupon: LINK_VS_COUPON,
  selfReferral: SELF_REFERRAL,
  directOrganic: DIRECT_ORGANIC,
  ties: TIES,
};

export function ConflictRulesFields(props: { rules: ConflictRules; onChange: <K extends keyof ConflictRules>(key: K, value: ConflictRules[K]) => void }) {
  const { t } = useI18n();
  const keys = Object.keys(CHOICES) as (keyof ConflictRules)[];
  return (
    <fieldset>
      <legend>{t("conflict.legend")}</legend>
      <div class="grid3">
        <For each={keys}>
          {(key) => (
            <Field label={t(`conflict.${key}` as MessageKey)}>
              {(id) => (
                <select id={id} value={props.rules[key]} onChange={(e) => props.onChange(key, e.currentTarget.value as ConflictRules[typeof key])}>
                  <For each={CHOICES[key] as readonly string[]}>{(v) => <option value={v}>{t(`conflict.${key}.${v}` as MessageKey)}</option>}</For>
                </select>
              )}
            </Field>
          )}
        </For>
      </div>
    </fieldset>
  );
}
