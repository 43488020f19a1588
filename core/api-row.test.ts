import { describe, expect, it } from "vitest";
import { apiRow, camelCase } from "./api-row";

describe("api rows", () => {
  it("names fields in camelCase", () => {
    expect(camelCase("failed_events")).toBe("failedEvents");
    expect(camelCase("sub1")).toBe("sub1");
    expect(camelCase("matched_click_at")).toBe("matchedClickAt");
  });

  it("writes instants as ISO 8601 and leaves numbers and JSON alone", () => {
    const at = new Date("2026-11-24T02:59:35.049Z");
    expect(apiRow({ occurredAt: at, amount: 12000, metadata: { placed_at: "x" }, reviewed_at: null })).toEqual({
      occurredAt: "2026-11-24T02:59:35.049Z", amount: 12000, metadata: { placed_at: "x" }, reviewedAt: null,
    });
  });
});
