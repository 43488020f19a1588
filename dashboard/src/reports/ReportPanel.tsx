/**
 * Key figures and daily charts from /v1/reports/summary for a range. Merchants see their whole program;
 * affiliates get the same report scoped by the API to their own rows, labelled as earnings. Revenue is shown
 * net of refunds, with what was refunded under it, so the headline is what was actually kept.
 */
import { createResource, createSignal, For } from "solid-js";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { Async } from "../ui/Async";
import { DailyCharts } from "./DailyCharts";
import { Amounts, Refunds } from "./Amounts";
import { conversionRate, lastDays, mainCurrency, perCurrency, totals } from "./series";

export function ReportPanel(props: { audience: "merchant" | "affiliate" }) {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const [range, setRange] = createSignal(30);
  const [report, { refetch }] = createResource(range, (n) => must(client.GET("/v1/reports/summary", { params: { query: { groupBy: "day", ...lastDays(n) } } })));
  const commissionLabel = () => t(props.audience === "affiliate" ? "report.earnings" : "report.commissions");

  return (
    <section aria-labelledby="report-title">
      <div class="section-head">
        <h2 id="report-title">{t("report.title")}</h2>
        <label>
          <span class="sr-only">{t("report.range")}</span>
          <select value={range()} onChange={(e) => setRange(Number(e.currentTarget.value))} aria-label={t("report.range")}>
            <For each={[7, 30, 90]}>{(n) => <option value={n}>{t("report.lastDays", { n })}</option>}</For>
          </select>
        </label>
      </div>
      <Async data={report} retry={refetch}>
        {(r) => {
          const currency = mainCurrency(r.rows);
          const sum = totals(r.rows, currency);
          const rate = conversionRate(sum);
          return (
            <>
              <dl class="kpis">
                <div><dt>{t("report.clicks")}</dt><dd>{i.number(sum.clicks)}</dd></div>
                <div><dt>{t("report.conversions")}</dt><dd>{i.number(sum.conversions)}</dd></div>
                <div>
                  <dt>{t("report.conversionRate")}</dt>
                  <dd>
                    {rate === null ? "—" : i.percent(rate)}
                    <small class="also">{t("report.conversionRateBasis", { orders: i.number(sum.conversionsFromClicks) })}</small>
                  </dd>
                </div>
                <div>
                  <dt>{t("report.netRevenue")}</dt>
                  <dd><Amounts amounts={perCurrency(r.rows, currency, "netRevenue")} /><Refunds amounts={perCurrency(r.rows, currency, "refunded")} /></dd>
                </div>
                <div><dt>{commissionLabel()}</dt><dd><Amounts amounts={perCurrency(r.rows, currency, "commission")} /></dd></div>
                {props.audience === "merchant" && (
                  <div><dt>{t("report.fraudRate")}</dt><dd>{sum.clicks ? i.percent(sum.flaggedClicks / sum.clicks) : "—"}</dd></div>
                )}
              </dl>
              <DailyCharts rows={r.rows} from={r.from} to={r.to} currency={currency} commissionLabel={commissionLabel()} />
            </>
          );
        }}
      </Async>
    </section>
  );
}
