/** The merchant's first page: key figures and charts, then the affiliates bringing the most net revenue. */
import { createResource, For } from "solid-js";
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import { useAffiliates } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { ReportPanel } from "../../reports/ReportPanel";
import { Amounts } from "../../reports/Amounts";
import { figureOf, lastDays, mainCurrency, perCurrency, type ReportRow } from "../../reports/series";
import { Async } from "../../ui/Async";
import { TableWrap } from "../../ui/Table";
import { GetStarted } from "./GetStarted";

/**
 * Rows of matched affiliates (not "no affiliate"), by net revenue in the main currency, best first: an
 * affiliate whose orders were mostly refunded did not bring the shop the most money.
 */
export function topAffiliates(rows: ReportRow[], currency: string, n = 5): ReportRow[] {
  const net = (r: ReportRow) => figureOf(r.amounts.find((a) => a.currency === currency), "netRevenue");
  return rows.filter((r) => r.key).sort((a, b) => net(b) - net(a) || b.clicks - a.clicks).slice(0, n);
}

export default function Overview() {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const affiliates = useAffiliates();
  const [byAffiliate, { refetch }] = createResource(() => must(client.GET("/v1/reports/summary", { params: { query: { groupBy: "affiliate", ...lastDays(30) } } })));

  return (
    <>
      <h1>{t("nav.overview")}</h1>
      <GetStarted />
      <ReportPanel audience="merchant" />
      <section aria-labelledby="top-title">
        <h2 id="top-title">{t("overview.topAffiliates")}</h2>
        <Async data={byAffiliate} retry={refetch} isEmpty={(r) => topAffiliates(r.rows, "BRL").length === 0} empty={t("overview.noAffiliates")}>
          {(r) => {
            const currency = mainCurrency(r.rows);
            return (
              <TableWrap label={t("overview.topAffiliates")}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("col.affiliate")}</th>
                      <th scope="col" class="num">{t("report.clicks")}</th>
                      <th scope="col" class="num">{t("report.conversions")}</th>
                      <th scope="col" class="num">{t("report.netRevenue")}</th>
                      <th scope="col" class="num">{t("report.commissions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={topAffiliates(r.rows, currency)}>
                      {(row) => {
                        return (
                          <tr>
                            <th scope="row">{affiliates.name(row.key)}</th>
                            <td class="num">{i.number(row.clicks)}</td>
                            <td class="num">{i.number(row.conversions)}</td>
                            <td class="num"><Amounts amounts={perCurrency([row], currency, "netRevenue")} /></td>
                            <td class="num"><Amounts amounts={perCurrency([row], currency, "commission")} /></td>
                          </tr>
                        );
                      }}
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
