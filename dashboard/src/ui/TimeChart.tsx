/**
 * A daily line chart drawn by uPlot (small, fast, canvas). The canvas is hidden from assistive technology;
 * the same numbers are in a table under a disclosure, so nothing is only visible as pixels.
 */
import { createEffect, For, onCleanup, onMount } from "solid-js";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useI18n } from "../i18n/i18n";

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
}

/** Tick steps for counts: a fraction of a click or an order means nothing. */
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000];

export function TimeChart(props: { title: string; days: string[]; series: ChartSeries[]; format: (n: number) => string; wholeNumbers?: boolean }) {
  const { t, date, locale } = useI18n();
  let box!: HTMLDivElement;
  let plot: uPlot | undefined;

  const build = () => {
    plot?.destroy();
    plot = undefined;
    // No canvas (a DOM without one, as in component tests): the table below still tells the numbers.
    if (!document.createElement("canvas").getContext?.("2d")) return;
    const xs = props.days.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000);
    const fmt = props.format;
    plot = new uPlot(
      {
        width: Math.max(box.clientWidth, 260),
        height: 220,
        legend: { show: true },
        scales: { x: { time: true } },
        // Axis and legend text in the person's locale, not uPlot's built-in English month names.
        axes: [
          { values: (_u, ticks) => ticks.map((s) => new Intl.DateTimeFormat(locale(), { day: "2-digit", month: "2-digit", timeZone: "UTC" }).format(s * 1000)) },
          { values: (_u, ticks) => ticks.map((v) => fmt(v)), size: 90, ...(props.wholeNumbers ? { incrs: WHOLE_STEPS } : {}) },
        ],
        series: [{ label: t("col.day"), value: (_u: uPlot, s: number | null) => (s == null ? "" : date(new Date(s * 1000).toISOString().slice(0, 10))) }, ...props.series.map((s) => ({ label: s.label, stroke: s.color, width: 2, value: (_u: uPlot, v: number | null) => (v == null ? "" : fmt(v)) }))],
      },
      [xs, ...props.series.map((s) => s.values)],
      box,
    );
  };

  onMount(() => {
    const resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(box.clientWidth, 260), height: 220 }));
    resize.observe(box);
    onCleanup(() => resize.disconnect());
  });
  createEffect(() => {
    void [props.days, props.series, locale()];
    try {
      build();
    } catch {
      plot = undefined;
    }
  });
  onCleanup(() => plot?.destroy());

  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={box} aria-hidden="true" />
      <details>
        <summary>{t("chart.table")}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("col.day")}</th>
              <For each={props.series}>{(s) => <th scope="col">{s.label}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.days}>
              {(day, i) => (
                <tr>
                  <th scope="row">{date(day)}</th>
                  <For each={props.series}>{(s) => <td>{props.format(s.values[i()] ?? 0)}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
    </figure>
  );
}
