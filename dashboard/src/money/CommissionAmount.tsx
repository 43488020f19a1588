/**
 * A commission's amount after refunds, and, once refunds took part of it back, what it was: the explanation
 * beside it tells how the original amount was computed, so without this line an affiliate read "= 2,499"
 * next to "R$ 0,00" and a negative balance with nothing joining them.
 */
import { Show } from "solid-js";
import { useI18n } from "../i18n/i18n";

export function CommissionAmount(props: { amount: number; reversedAmount: number; currency: string }) {
  const i = useI18n();
  return (
    <>
      {i.money(props.amount - props.reversedAmount, props.currency)}
      <Show when={props.reversedAmount > 0}>
        <br />
        <small>{i.t("commissions.takenBack", { amount: i.money(props.amount, props.currency), reversed: i.money(props.reversedAmount, props.currency) })}</small>
      </Show>
    </>
  );
}
