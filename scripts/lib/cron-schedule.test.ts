import { describe, expect, it } from "vitest";
import { cronMatches } from "./cron-schedule";

const at = (iso: string) => new Date(iso);

describe("cronMatches", () => {
  it("reads the ingest Worker's crons as Cloudflare fires them (UTC)", () => {
    expect(cronMatches("* * * * *", at("2026-11-23T17:04:00Z"))).toBe(true);
    expect(cronMatches("*/10 * * * *", at("2026-11-23T17:10:00Z"))).toBe(true);
    expect(cronMatches("*/10 * * * *", at("2026-11-23T17:04:00Z"))).toBe(false);
    expect(cronMatches("17 3 * * *", at("2026-11-23T03:17:00Z"))).toBe(true);
    expect(cronMatches("17 3 * * *", at("2026-11-23T03:17:00-03:00"))).toBe(false);
  });

  it("takes ranges, steps over ranges and lists", () => {
    expect(cronMatches("0-30/15 * * * *", at("2026-11-23T17:30:00Z"))).toBe(true);
    expect(cronMatches("0-30/15 * * * *", at("2026-11-23T17:45:00Z"))).toBe(false);
    expect(cronMatches("5,35 9-17 1 1,6 *", at("2026-06-01T12:35:00Z"))).toBe(true);
    expect(cronMatches("5,35 9-17 1 1,6 *", at("2026-06-02T12:35:00Z"))).toBe(false);
    expect(cronMatches("10/20 * * * *", at("2026-11-23T17:50:00Z"))).toBe(true);
  });

  it("says so (null) for what it cannot read rather than guessing", () => {
    for (const expr of ["0 17 * * sun", "0 17 * * 1-5", "59 23 LW * *", "60 * * * *", "* * *", "*/0 * * * *", "5-1 * * * *"]) {
      expect(cronMatches(expr, at("2026-11-23T17:00:00Z"))).toBeNull();
    }
  });
});
