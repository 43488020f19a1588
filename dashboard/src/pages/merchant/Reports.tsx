/**
 * Reports for the merchant: a period (preset or custom days in the merchant's time zone), a grouping (day,
 * campaign, affiliate) and optional campaign/affiliate filters over /v1/reports/summary, compared with the
 * previous period, and the same report as a CSV download.
 */
import { createMemo, createResource, createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useAffiliates, useCampaigns } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { lastDaysIn, ordered, pairRows, sumRows } from "../../reports/compare";
import { DailyCharts } from "../../reports/DailyCharts";
import { downloadReportCsv, type ReportQuery } from "../../reports/download";
import { GROUPS, ReportFilters, type ReportChoice } from "../../reports/ReportFilters";
import { ReportTable } from "../../reports/ReportTable";
import { mainCurrency } from "../../reports/series";
import { Async } from "../../ui/Async";

export default function Reports() {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const campaigns = useCampaigns();
  const affiliates = useAffiliates();
  const [choice, setChoice] = createStore<ReportChoice>({ preset: 30, from: "", to: "", groupBy: "day", campaignId: "", affiliateId: "", compare: true });
  // The merchant's time zone, learnt from the first answer: presets are the merchant's days, not the browser's.
  const [timezone, setTimezone] = createSignal<string>();
  const [downloadError, setDownloadError] = createSignal("");
  const [downloading, setDownloading] = createSignal(false);

  const range = () => (choice.preset === "custom" ? { from: choice.from, to: choice.to } : lastDaysIn(choice.preset, timezone()));
  // Compared as text, so learning the time zone re-queries only when it moves the days.
  const query = createMemo<ReportQuery>(() => ({
    groupBy: choice.groupBy, ...range(),
    ...(choice.campaignId ? { campaignId: choice.campaignId } : {}),
    ...(choice.affiliateId ? { affiliateId: choice.affiliateId } : {}),
    ...(choice.compare ? { compare: "previous" as const } : {}),
  }), {}, { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  const [report, { refetch }] = createResource(query, async (q) => {
    const r = await must(client.GET("/v1/reports/summary", { params: { query: q } }));
    setTimezone(r.timezone);
    return r;
  });

  // By the grouping of the report shown (a new one may still be loading).
  const label = (group: string, key: string | null) => {
    if (key === null) return t("reports.noKey");
    if (group === "campaign") return campaigns.name(key);
    if (group === "affiliate") return affiliates.name(key);
    return i.date(key);
  };
  const download = async () => {
    setDownloadError("");
    setDownloading(true);
    try {
      await downloadReportCsv(client, query());
    } catch (err) {
      setDownloadError(messageOf(err));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <div class="section-head">
        <h1>{t("nav.reports")}</h1>
        <button type="button" class="secondary" disabled={downloading()} onClick={() => void download()}>
          {downloading() ? t("state.working") : t("reports.download")}
        </button>
      </div>
      <ReportFilters choice={choice} set={setChoice} range={range}
        campaigns={campaigns.list.state === "ready" ? campaigns.list() : []} affiliates={affiliates.list.state === "ready" ? affiliates.list() : []} />
      <Show when={downloadError()}><p class="notice error" role="alert">{t("state.error", { message: downloadError() })}</p></Show>
      <Async data={report} retry={refetch} isEmpty={(r) => r.rows.length === 0} empty={t("reports.empty")}>
        {(r) => (
          <>
            <p>
              {t("reports.period", { from: i.date(r.from), to: i.date(r.to), timezone: r.timezone })}
              <Show when={r.previous}>{(p) => <> {t("reports.previousPeriod", { from: i.date(p().from), to: i.date(p().to) })}</>}</Show>
            </p>
            <Show when={r.groupBy === "day"}>
              <DailyCharts rows={r.rows} from={r.from} to={r.to} currency={mainCurrency(r.rows)} commissionLabel={t("report.commissions")} />
            </Show>
            <ReportTable keyLabel={t(GROUPS.find(([g]) => g === r.groupBy)?.[1] ?? "col.day")} label={(key) => label(r.groupBy, key)} lines={ordered(pairRows(r), r.groupBy, mainCurrency(r.rows))}
              total={{ key: null, current: sumRows(r.rows), previous: r.previous && sumRows(r.previous.rows) }} />
          </>
        )}
      </Async>
    </>
  );
}
