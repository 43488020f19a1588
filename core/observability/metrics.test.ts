import { describe, expect, it } from "vitest";
import { MetricsRegistry } from "./metrics";
import { parsePrometheusText } from "./prometheus-text";

describe("MetricsRegistry", () => {
  it("renders counters, gauges and histograms that parse as Prometheus text", () => {
    const m = new MetricsRegistry();
    m.inc("indica_requests_total", "Requests", { route: "/v1/links", status: "200" });
    m.inc("indica_requests_total", "Requests", { route: "/v1/links", status: "200" });
    m.set("indica_failed_events_pending", "Parked events", {}, 3);
    m.observe("indica_request_duration_ms", "Latency", { route: 'odd "route"\n' }, 42);
    m.observe("indica_request_duration_ms", "Latency", { route: 'odd "route"\n' }, 7_000);
    const { types, samples } = parsePrometheusText(m.render());
    expect(types.get("indica_request_duration_ms")).toBe("histogram");
    expect(samples.find((s) => s.name === "indica_requests_total")?.value).toBe(2);
    expect(samples.find((s) => s.name === "indica_request_duration_ms_bucket" && s.labels.le === "50")).toMatchObject({ value: 1, labels: { route: 'odd "route"\n' } });
    expect(samples.find((s) => s.name === "indica_request_duration_ms_count")?.value).toBe(2);
  });

  it("the reader rejects what Prometheus would", () => {
    expect(() => parsePrometheusText("x 1\n")).toThrow(/undeclared/);
    expect(() => parsePrometheusText("# TYPE x counter\nx{a=b} 1\n")).toThrow(/labels/);
    expect(() => parsePrometheusText("# TYPE x counter\nx 1")).toThrow(/newline/);
  });
});
