/** The affiliate's home: their clicks, orders and earnings over time, their balance, and by sub-id. */
import { createResource, For } from "solid-js";
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { BalanceTable } from "../../money/BalanceTable";
import { ReportPanel } from "../../reports/ReportPanel";
import { Amounts } from "../../reports/Amounts";
import { lastDays, mainCurrency, perCurrency } from "../../reports/series";
import { Async, noItems } from "../../ui/Async";
import { TableWrap } from "../../ui/Table";

export default function Portal() {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const [balances, b] = createResource(() => must(client.GET("/v1/balances", { params: { query: { limit: 10 } } })));
  const [bySub, s] = createResource(() => must(client.GET("/v1/reports/summary", { params: { query: { groupBy: "subId", subIdKey: "sub1", ...lastDays(30) } } })));
  return (
    <>
      <h1>{t("nav.portal")}</h1>
      <section aria-labelledby="my-balance">
        <h2 id="my-balance">{t("money.balance")}</h2>
        <Async data={balances} retry={b.refetch} isEmpty={noItems} empty={t("money.noBalances")}>{(page) => <BalanceTable items={page.items} />}</Async>
      </section>
      <ReportPanel audience="affiliate" />
      <section aria-labelledby="by-sub">
        <h2 id="by-sub">{t("portal.bySubId")}</h2>
        <Async data={bySub} retry={s.refetch} isEmpty={(r) => r.rows.length === 0} empty={t("portal.noSubIds")}>
          {(r) => {
            // Each row's earnings in the currency most of them are in, other currencies under it, never added up.
            const currency = mainCurrency(r.rows);
            return (
              <TableWrap label={t("portal.bySubId")}>
                <table>
                  <thead><tr><th scope="col">sub1</th><th scope="col" class="num">{t("report.clicks")}</th><th scope="col" class="num">{t("report.conversions")}</th><th scope="col" class="num">{t("report.earnings")}</th></tr></thead>
                  <tbody>
                    <For each={r.rows}>
                      {(row) => (
                        <tr>
                          <th scope="row">{row.key ?? t("portal.noSubId")}</th>
                          <td class="num">{i.number(row.clicks)}</td>
                          <td class="num">{i.number(row.conversions)}</td>
                          <td class="num"><Amounts amounts={perCurrency([row], currency, "commission")} /></td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableWrap>
            );
          }}
        </Async>
      </section>
    </>
  );
}
