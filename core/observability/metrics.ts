/**
 * A minimal Prometheus registry for one Workers isolate: counters, gauges and histograms with labels,
 * rendered in the text exposition format (version 0.0.4). An isolate serves many requests but is one of
 * many, so these numbers are per isolate; the fleet-wide view is Workers Analytics Engine (docs/operations.md).
 */
type Labels = Record<string, string>;
type Kind = "counter" | "gauge" | "histogram";

interface Family {
  kind: Kind;
  help: string;
  buckets?: number[];
  series: Map<string, { labels: Labels; value: number; counts?: number[]; sum?: number }>;
}

export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
};
const number = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : v < 0 ? "-Inf" : "NaN");

export class MetricsRegistry {
  private families = new Map<string, Family>();

  private family(name: string, kind: Kind, help: string, buckets?: number[]): Family {
    let f = this.families.get(name);
    if (!f) this.families.set(name, (f = { kind, help, buckets, series: new Map() }));
    return f;
  }

  private entry(f: Family, labels: Labels) {
    const key = JSON.stringify(Object.entries(labels).sort());
    let s = f.series.get(key);
    if (!s) f.series.set(key, (s = { labels, value: 0, counts: f.buckets ? f.buckets.map(() => 0) : undefined, sum: 0 }));
    return s;
  }

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    this.entry(this.family(name, "counter", help), labels).value += by;
  }

  set(name: string, help: string, labels: Labels, value: number): void {
    this.entry(this.family(name, "gauge", help), labels).value = value;
  }

  observe(name: string, help: string, labels: Labels, value: number, buckets = LATENCY_BUCKETS_MS): void {
    const s = this.entry(this.family(name, "histogram", help, buckets), labels);
    buckets.forEach((b, i) => {
      if (value <= b) s.counts![i]++;
    });
    s.value++;
    s.sum! += value;
  }

  render(): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${name} ${f.kind}`);
      for (const s of f.series.values()) {
        if (f.kind !== "histogram") {
          out.push(`${name}${labelText(s.labels)} ${number(s.value)}`);
          continue;
        }
        f.buckets!.forEach((b, i) => out.push(`${name}_bucket${labelText({ ...s.labels, le: String(b) })} ${s.counts![i]}`));
        out.push(`${name}_bucket${labelText({ ...s.labels, le: "+Inf" })} ${s.value}`, `${name}_sum${labelText(s.labels)} ${number(s.sum!)}`, `${name}_count${labelText(s.labels)} ${s.value}`);
      }
    }
    return out.join("\n") + "\n";
  }
}
