/**
 * The Reports screen's table: one row per key (day, campaign or affiliate) and a total, each figure with its
 * change against the previous period when the report carries one. Money is listed per currency, never added
 * across currencies; revenue is shown gross, refunded and net, as the API reports it.
 */
import { For, Show } from "solid-js";
import { useI18n } from "../i18n/i18n";
import { TableWrap } from "../ui/Table";
import { change, type Line } from "./compare";
import { moneyLabel } from "./labels";
import { figureOf, type MoneyFigure, type ReportRow } from "./series";

type Count = "clicks" | "uniqueVisitors" | "flaggedClicks" | "conversions";
const COUNTS: [Count, "report.clicks" | "reports.visitors" | "report.fraudRate" | "report.conversions"][] = [
  ["clicks", "report.clicks"],
  ["uniqueVisitors", "reports.visitors"],
  ["flaggedClicks", "report.fraudRate"],
  ["conversions", "report.conversions"],
];

function Delta(props: { now: number; before?: number }) {
  const i = useI18n();
  const text = () => {
    const c = change(props.now, props.before ?? 0);
    if (c === null) return i.t("reports.new");
    return `${c > 0 ? "+" : ""}${i.percent(c)}`;
  };
  return (
    <Show when={props.before !== undefined}>
      <small class="delta">
        <span class="sr-only">{i.t("reports.vsPrevious")} </span>
        {text()}
      </small>
    </Show>
  );
}

const MONEY: MoneyFigure[] = ["revenue", "refunded", "netRevenue", "commission"];
const moneyOf = (r: ReportRow | undefined, currency: string, field: MoneyFigure) => figureOf(r?.amounts.find((a) => a.currency === currency), field);

function Cells(props: { line: Line }) {
  const i = useI18n();
  const money = (field: MoneyFigure) => (
    <td class="num">
      <For each={props.line.current.amounts} fallback="—">
        {(a) => (
          <div>
            {i.money(figureOf(a, field), a.currency)} <Delta now={figureOf(a, field)} before={props.line.previous && moneyOf(props.line.previous, a.currency, field)} />
          </div>
        )}
      </For>
    </td>
  );
  return (
    <>
      <For each={COUNTS}>
        {([field]) => (
          <td class="num">
            {i.number(props.line.current[field])} <Delta now={props.line.current[field]} before={props.line.previous?.[field]} />
          </td>
        )}
      </For>
      <For each={MONEY}>{(field) => money(field)}</For>
    </>
  );
}

export function ReportTable(props: { keyLabel: string; label: (key: string | null) => string; lines: Line[]; total: Line }) {
  const { t, locale } = useI18n();
  return (
    <TableWrap label={t("nav.reports")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{props.keyLabel}</th>
            <For each={COUNTS}>{([, key]) => <th scope="col" class="num">{t(key)}</th>}</For>
            <th scope="col" class="num">{moneyLabel(locale(), "revenue")}</th>
            <th scope="col" class="num">{moneyLabel(locale(), "refunded")}</th>
            <th scope="col" class="num">{moneyLabel(locale(), "netRevenue")}</th>
            <th scope="col" class="num">{t("report.commissions")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.lines}>
            {(line) => (
              <tr>
                <th scope="row">{props.label(line.key)}</th>
                <Cells line={line} />
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("reports.total")}</th>
            <Cells line={props.total} />
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
