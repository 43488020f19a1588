import { For } from "solid-js";
import type { components } from "../../../sdk";
import { useI18n } from "../i18n/i18n";
import { TableWrap } from "../ui/Table";

type Payout = components["schemas"]["Payout"];

export function PayoutTable(props: { items: Payout[]; name?: (id: string) => string }) {
  const i = useI18n();
  const { t } = i;
  return (
    <TableWrap label={t("money.payouts")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("col.date")}</th>
            {props.name && <th scope="col">{t("col.affiliate")}</th>}
            <th scope="col" class="num">{t("col.amount")}</th><th scope="col">{t("money.reference")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(p) => (
              <tr>
                <th scope="row">{i.date(p.createdAt)}</th>
                {props.name && <td>{props.name(p.affiliateId)}</td>}
                <td class="num">{i.money(p.amount, p.currency)}</td>
                <td>{p.reference}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
