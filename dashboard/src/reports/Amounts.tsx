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
