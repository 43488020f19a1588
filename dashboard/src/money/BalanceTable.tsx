/**
 * Balances per affiliate and currency: available to pay, approved but still in the returns window (the next
 * payout leaves it out), still pending, paid, and clawbacks carried.
 */
import { For } from "solid-js";
import type { components } from "../../../sdk";
import { useI18n } from "../i18n/i18n";
import { TableWrap } from "../ui/Table";

type AffiliateBalances = components["schemas"]["AffiliateBalances"];

export function BalanceTable(props: { items: AffiliateBalances[]; name?: (id: string) => string }) {
  const i = useI18n();
  const { t } = i;
  const rows = () => props.items.flatMap((a) => a.balances.map((b) => ({ affiliateId: a.affiliateId, ...b })));
  return (
    <TableWrap label={t("money.balances")}>
      <table>
        <thead>
          <tr>
            {props.name && <th scope="col">{t("col.affiliate")}</th>}
            <th scope="col" class="num">{t("money.available")}</th><th scope="col" class="num">{t("money.locked")}</th><th scope="col" class="num">{t("money.pending")}</th>
            <th scope="col" class="num">{t("money.paid")}</th><th scope="col" class="num">{t("money.clawback")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(b) => (
              <tr>
                {props.name && <th scope="row">{props.name(b.affiliateId)}</th>}
                <td class="num">{i.money(b.available, b.currency)}</td>
                <td class="num">{i.money(b.locked, b.currency)}</td>
                <td class="num">{i.money(b.pending, b.currency)}</td>
                <td class="num">{i.money(b.paid, b.currency)}</td>
                <td class="num">{i.money(b.clawbackCarried, b.currency)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
