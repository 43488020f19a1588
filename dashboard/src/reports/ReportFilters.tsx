/** The Reports screen's choices: period (preset or custom days), grouping, campaign/affiliate filters, comparison. */
import { For, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import type { Affiliate, Campaign } from "../api/lookups";
import { useI18n } from "../i18n/i18n";
import { TextField } from "../ui/Field";

export type Group = "day" | "campaign" | "affiliate";
export const GROUPS: [Group, "col.day" | "col.campaign" | "col.affiliate"][] = [["day", "col.day"], ["campaign", "col.campaign"], ["affiliate", "col.affiliate"]];
const PRESETS = [7, 30, 90];

export interface ReportChoice {
  preset: number | "custom";
  /** The custom period's days; presets are computed from today instead. */
  from: string;
  to: string;
  groupBy: Group;
  campaignId: string;
  affiliateId: string;
  compare: boolean;
}

export function ReportFilters(props: {
  choice: ReportChoice;
  set: SetStoreFunction<ReportChoice>;
  /** The period on screen, where a custom one starts from (so only the end that changes needs typing). */
  range: () => { from: string; to: string };
  campaigns: Campaign[];
  affiliates: Affiliate[];
}) {
  const { t } = useI18n();
  const choosePreset = (value: string) => {
    if (value === "custom") props.set({ ...props.range(), preset: "custom" });
    else props.set("preset", Number(value));
  };
  // A cleared date field keeps the last day chosen rather than asking for a report without one.
  const setDay = (end: "from" | "to", value: string) => value && props.set(end, value);
  return (
    <form class="filters" role="search" aria-label={t("filter.label")} onSubmit={(e) => e.preventDefault()}>
      <label>{t("report.range")}
        <select value={String(props.choice.preset)} onChange={(e) => choosePreset(e.currentTarget.value)}>
          <For each={PRESETS}>{(n) => <option value={n}>{t("report.lastDays", { n })}</option>}</For>
          <option value="custom">{t("reports.custom")}</option>
        </select>
      </label>
      <Show when={props.choice.preset === "custom"}>
        <TextField label={t("filter.from")} type="date" value={props.choice.from} max={props.choice.to} onChange={(e) => setDay("from", e.currentTarget.value)} />
        <TextField label={t("filter.to")} type="date" value={props.choice.to} min={props.choice.from} onChange={(e) => setDay("to", e.currentTarget.value)} />
      </Show>
      <label>{t("reports.groupBy")}
        <select value={props.choice.groupBy} onChange={(e) => props.set("groupBy", e.currentTarget.value as Group)}>
          <For each={GROUPS}>{([g, key]) => <option value={g}>{t(key)}</option>}</For>
        </select>
      </label>
      <label>{t("col.campaign")}
        <select value={props.choice.campaignId} onChange={(e) => props.set("campaignId", e.currentTarget.value)}>
          <option value="">{t("filter.all")}</option>
          <For each={props.campaigns}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
      </label>
      <label>{t("col.affiliate")}
        <select value={props.choice.affiliateId} onChange={(e) => props.set("affiliateId", e.currentTarget.value)}>
          <option value="">{t("filter.all")}</option>
          <For each={props.affiliates}>{(a) => <option value={a.id}>{a.name}</option>}</For>
        </select>
      </label>
      <label class="check">
        <input type="checkbox" checked={props.choice.compare} onChange={(e) => props.set("compare", e.currentTarget.checked)} /> {t("reports.compare")}
      </label>
    </form>
  );
}
