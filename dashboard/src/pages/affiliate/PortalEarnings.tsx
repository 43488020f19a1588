/** The affiliate's commissions (order by order, with why) and the payouts they received. */
import { createResource, For } from "solid-js";
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { CommissionAmount } from "../../money/CommissionAmount";
import { PayoutTable } from "../../money/PayoutTable";
import { Async, noItems } from "../../ui/Async";
import { StatusBadge, TableWrap } from "../../ui/Table";

export default function PortalEarnings() {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const [commissions, c] = createResource(() => must(client.GET("/v1/commissions", { params: { query: { limit: 200 } } })));
  const [payouts, p] = createResource(() => must(client.GET("/v1/payouts", { params: { query: { limit: 200 } } })));
  return (
    <>
      <h1>{t("nav.earnings")}</h1>
      <section aria-labelledby="my-commissions">
        <h2 id="my-commissions">{t("nav.commissions")}</h2>
        <Async data={commissions} retry={c.refetch} isEmpty={noItems} empty={t("commissions.none")}>
          {(page) => (
            <TableWrap label={t("nav.commissions")}>
              <table>
                <thead><tr><th scope="col">{t("col.order")}</th><th scope="col">{t("col.date")}</th><th scope="col" class="num">{t("col.amount")}</th><th scope="col">{t("col.status")}</th><th scope="col">{t("commissions.why")}</th></tr></thead>
                <tbody>
                  <For each={page.items}>
                    {(x) => (
                      <tr>
                        <th scope="row">{x.orderId}</th>
                        <td>{i.date(x.createdAt)}</td>
                        <td class="num"><CommissionAmount amount={x.amount} reversedAmount={x.reversedAmount} currency={x.currency} /></td>
                        <td><StatusBadge status={x.status} label={t(`status.${x.status}`)} /></td>
                        <td><small>{x.explanation.join("; ")}</small></td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
          )}
        </Async>
      </section>
      <section aria-labelledby="my-payouts">
        <h2 id="my-payouts">{t("money.payouts")}</h2>
        <Async data={payouts} retry={p.refetch} isEmpty={noItems} empty={t("money.noPayouts")}>{(page) => <PayoutTable items={page.items} />}</Async>
      </section>
    </>
  );
}
