/**
 * Reports for the merchant: a period (preset or custom days in the merchant's time zone), a grouping (day,
 * campaign, affiliate) and optional campaign/affiliate filters over /v1/reports/summary, compared with the
 * previous period, and the same report as a CSV download.
 */
import { createMemo, createResource, createSignal, For, Show } from "solid-js";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useAffiliates, useCampaigns } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { lastDaysIn, pairRows, sumRows } from "../../reports/compare";
import { downloadReportCsv, type ReportQuery } from "../../reports/download";
import { DailyCharts } from "../../reports/DailyCharts";
import { ReportTable } from "../../reports/ReportTable";
import { mainCurrency } from "../../reports/series";
import { Async } from "../../ui/Async";
import { TextField } from "../../ui/Field";

type Group = "day" | "campaign" | "affiliate";
const GROUPS: [Group, "col.day" | "col.campaign" | "col.affiliate"][] = [["day", "col.day"], ["campaign", "col.campaign"], ["affiliate", "col.affiliate"]];
const PRESETS = [7, 30, 90];

export default function Reports() {
  const { client } = useApi();
  const i = useI18n();
  const { t } = i;
  const campaigns = useCampaigns();
  const affiliates = useAffiliates();
  const [preset, setPreset] = createSignal<number | "custom">(30);
  const [custom, setCustom] = createSignal(lastDaysIn(30, undefined));
  const [groupBy, setGroupBy] = createSignal<Group>("day");
  const [campaignId, setCampaignId] = createSignal("");
  const [affiliateId, setAffiliateId] = createSignal("");
  const [compare, setCompare] = createSignal(true);
  // The merchant's time zone, learnt from the first answer: presets are the merchant's days, not the browser's.
  const [timezone, setTimezone] = createSignal<string>();
  const [downloadError, setDownloadError] = createSignal("");
  const [downloading, setDownloading] = createSignal(false);

  const range = () => { const p = preset(); return p === "custom" ? custom() : lastDaysIn(p, timezone()); };
  // Compared as text so learning the time zone re-queries only when it moves the days.
  const query = createMemo<ReportQuery>(() => ({
    groupBy: groupBy(), ...range(),
    ...(campaignId() ? { campaignId: campaignId() } : {}),
    ...(affiliateId() ? { affiliateId: affiliateId() } : {}),
    ...(compare() ? { compare: "previous" as const } : {}),
  }), {}, { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  const [report, { refetch }] = createResource(query, async (q) => {
    const r = await must(client.GET("/v1/reports/summary", { params: { query: q } }));
    setTimezone(r.timezone);
    return r;
  });

  const choosePreset = (value: string) => {
    // Custom starts from the period on screen, so only the end that changes needs typing.
    if (value === "custom") setCustom(range());
    setPreset(value === "custom" ? "custom" : Number(value));
  };
  const setDay = (end: "from" | "to", value: string) => value && setCustom({ ...custom(), [end]: value });
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
      <h1>{t("nav.reports")}</h1>
      <form class="filters" role="search" aria-label={t("filter.label")} onSubmit={(e) => e.preventDefault()}>
        <label>{t("report.range")}
          <select value={String(preset())} onChange={(e) => choosePreset(e.currentTarget.value)}>
            <For each={PRESETS}>{(n) => <option value={n}>{t("report.lastDays", { n })}</option>}</For>
            <option value="custom">{t("reports.custom")}</option>
          </select>
        </label>
        <Show when={preset() === "custom"}>
          <TextField label={t("filter.from")} type="date" value={custom().from} max={custom().to} onChange={(e) => setDay("from", e.currentTarget.value)} />
          <TextField label={t("filter.to")} type="date" value={custom().to} min={custom().from} onChange={(e) => setDay("to", e.currentTarget.value)} />
        </Show>
        <label>{t("reports.groupBy")}
          <select value={groupBy()} onChange={(e) => setGroupBy(e.currentTarget.value as Group)}>
            <For each={GROUPS}>{([g, key]) => <option value={g}>{t(key)}</option>}</For>
          </select>
        </label>
        <label>{t("col.campaign")}
          <select value={campaignId()} onChange={(e) => setCampaignId(e.currentTarget.value)}>
            <option value="">{t("filter.all")}</option>
            <For each={campaigns.list.state === "ready" ? campaigns.list() : []}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <label>{t("col.affiliate")}
          <select value={affiliateId()} onChange={(e) => setAffiliateId(e.currentTarget.value)}>
            <option value="">{t("filter.all")}</option>
            <For each={affiliates.list.state === "ready" ? affiliates.list() : []}>{(a) => <option value={a.id}>{a.name}</option>}</For>
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={compare()} onChange={(e) => setCompare(e.currentTarget.checked)} /> {t("reports.compare")}
        </label>
        <button type="button" class="secondary" disabled={downloading()} onClick={() => void download()}>
          {downloading() ? t("state.working") : t("reports.download")}
        </button>
      </form>
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
            <ReportTable keyLabel={t(GROUPS.find(([g]) => g === r.groupBy)?.[1] ?? "col.day")} label={(key) => label(r.groupBy, key)} lines={pairRows(r)}
              total={{ key: null, current: sumRows(r.rows), previous: r.previous && sumRows(r.previous.rows) }} />
          </>
        )}
      </Async>
    </>
  );
}
