/**
 * A strict reader of the Prometheus text format (0.0.4), for tests: every line must be a HELP or TYPE
 * comment or a sample `name{labels} value`, every sample's family must be typed, histogram buckets must be
 * cumulative and end in +Inf equal to _count. Throws on the first violation.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const m = LABEL.exec(text);
    if (!m) throw new Error(`bad labels: ${line}`);
    labels[m[1]] = m[2].replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
  }
  return labels;
}

const value = (v: string, line: string) => {
  const n = v === "+Inf" ? Infinity : v === "-Inf" ? -Infinity : v === "NaN" ? NaN : Number(v);
  if (v !== "NaN" && Number.isNaN(n)) throw new Error(`bad value: ${line}`);
  return n;
};

export function parsePrometheusText(text: string): { types: Map<string, string>; samples: Sample[] } {
  if (!text.endsWith("\n")) throw new Error("exposition must end with a newline");
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split("\n")) {
    if (line === "") continue;
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (!m || !NAME.test(m[2])) throw new Error(`bad comment: ${line}`);
      if (m[1] === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(m[3] ?? "")) throw new Error(`bad type: ${line}`);
        if (types.has(m[2])) throw new Error(`type declared twice: ${line}`);
        types.set(m[2], m[3]);
      }
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`bad sample: ${line}`);
    const family = types.has(m[1]) ? m[1] : m[1].replace(/_(bucket|sum|count)$/, "");
    if (!types.has(family)) throw new Error(`sample of an undeclared family: ${line}`);
    samples.push({ name: m[1], labels: m[3] ? parseLabels(m[3], line) : {}, value: value(m[4], line) });
  }
  checkHistograms(types, samples);
  return { types, samples };
}

function checkHistograms(types: Map<string, string>, samples: Sample[]): void {
  for (const [name, type] of types) {
    if (type !== "histogram") continue;
    const series = new Map<string, Sample[]>();
    for (const s of samples.filter((x) => x.name === `${name}_bucket`)) {
      const { le: _le, ...rest } = s.labels;
      const key = JSON.stringify(Object.entries(rest).sort());
      series.set(key, [...(series.get(key) ?? []), s]);
    }
    for (const [key, buckets] of series) {
      for (let i = 1; i < buckets.length; i++) if (buckets[i].value < buckets[i - 1].value) throw new Error(`${name}: buckets not cumulative`);
      const last = buckets[buckets.length - 1];
      const count = samples.find((x) => x.name === `${name}_count` && JSON.stringify(Object.entries(x.labels).sort()) === key);
      if (last.labels.le !== "+Inf" || !count || count.value !== last.value) throw new Error(`${name}: +Inf bucket missing or not equal to _count`);
    }
  }
}
