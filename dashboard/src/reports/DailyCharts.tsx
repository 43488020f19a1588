/**
 * Clicks and orders, net revenue and commissions per day of a report, in one currency (amounts in different
 * currencies are never drawn on one axis). Net, not gross: a day whose orders were refunded later should not
 * look like money earned. Shared by the Overview panel and the Reports screen.
 */
import { useI18n } from "../i18n/i18n";
import { TimeChart } from "../ui/TimeChart";
import { dailySeries, type ReportRow } from "./series";

export function DailyCharts(props: { rows: ReportRow[]; from: string; to: string; currency: string; commissionLabel: string }) {
  const i = useI18n();
  const { t } = i;
  const s = () => dailySeries(props.rows, props.from, props.to, props.currency);
  const m = (n: number) => i.money(n, props.currency);
  return (
    <div class="charts">
      <TimeChart title={t("report.trafficChart")} days={s().days} format={i.number} wholeNumbers series={[
        { label: t("report.clicks"), values: s().clicks, color: "#1d4ed8" },
        { label: t("report.conversions"), values: s().conversions, color: "#b45309" },
      ]} />
      <TimeChart title={t("report.netMoneyChart")} days={s().days} format={m} series={[
        { label: t("report.netRevenue"), values: s().netRevenue, color: "#047857" },
        { label: props.commissionLabel, values: s().commission, color: "#7c3aed" },
      ]} />
    </div>
  );
}
