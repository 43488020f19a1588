/** A money figure in the main currency, with other currencies' amounts on lines of their own under it (never added up). */
import { For } from "solid-js";
import { useI18n } from "../i18n/i18n";

export function Amounts(props: { amounts: { currency: string; amount: number }[] }) {
  const i = useI18n();
  return (
    <For each={props.amounts}>
      {(a, n) => (n() === 0 ? <>{i.money(a.amount, a.currency)}</> : <small class="also">{i.money(a.amount, a.currency)}</small>)}
    </For>
  );
}

/**
 * What refunds gave back, one small line per currency under a net figure, so the gap between what was sold
 * and what was kept is visible; nothing when no currency had a refund.
 */
export function Refunds(props: { amounts: { currency: string; amount: number }[] }) {
  const i = useI18n();
  return (
    <For each={props.amounts.filter((a) => a.amount !== 0)}>
      {(a) => <small class="also refunded">{i.t("report.refundedAmount", { amount: i.money(a.amount, a.currency) })}</small>}
    </For>
  );
}
