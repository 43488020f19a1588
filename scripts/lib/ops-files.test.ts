/** The alert rules and the dashboard use only metrics the API exposes, and every runbook they link exists. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./stack";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const exposed = read("workers/api/src/routes/operations.ts") + read("workers/api/src/middleware/observe.ts");
const metricsIn = (text: string) => [...new Set([...text.matchAll(/\bindica_[a-z_]+\b/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, "")))];
const anchor = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-");

describe("ops files", () => {
  it.each(["ops/prometheus/alerts.yml", "ops/grafana/indica-dashboard.json"])("%s uses exposed metrics only", (file) => {
    const used = metricsIn(read(file)).filter((m) => m !== "indica_api" && m !== "indica_requests");
    expect(used.length).toBeGreaterThan(3);
    for (const metric of used) expect(exposed, metric).toContain(`"${metric}"`);
  });

  it("every runbook link names a section of docs/operations.md", () => {
    const anchors = new Set([...read("docs/operations.md").matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1])));
    const links = [...read("ops/prometheus/alerts.yml").matchAll(/docs\/operations\.md#([a-z-]+)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(anchors, link).toContain(link);
  });

  it("the dashboard is valid JSON with panels", () => {
    expect(JSON.parse(read("ops/grafana/indica-dashboard.json")).panels.length).toBeGreaterThan(5);
  });
});
