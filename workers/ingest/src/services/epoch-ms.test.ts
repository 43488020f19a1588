import { describe, expect, it } from "vitest";
import { epochMs, postgresTextMs } from "./epoch-ms";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** An instant as Postgres prints a timestamptz in a session whose offset is `offsetMinutes` (DateStyle ISO). */
function postgresText(instantMicros: number, offsetMinutes: number): string {
  const local = new Date(Math.floor(instantMicros / 1000) + offsetMinutes * 60_000);
  const micros = ((instantMicros % 1_000_000) + 1_000_000) % 1_000_000;
  const fraction = micros === 0 ? "" : `.${pad(micros, 6)}`.replace(/0+$/, "");
  const abs = Math.abs(offsetMinutes);
  const offset = `${offsetMinutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}${abs % 60 ? `:${pad(abs % 60)}` : ""}`;
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${offset}`;
}

describe("epochMs", () => {
  it("reads Postgres' timestamptz text exactly as new Date does", () => {
    const offsets = [0, 60, -180, 330, 345, -570, 840, -720];
    for (let k = 0; k < 50_000; k++) {
      // 1900 to 2100, any microsecond.
      const micros = Math.floor(-2_208_988_800_000_000 + Math.random() * 6_311_433_600_000_000);
      const text = postgresText(micros, offsets[k % offsets.length]);
      expect(postgresTextMs(text), text).toBe(new Date(text).getTime());
      expect(epochMs(text), text).toBe(Math.floor(micros / 1000));
    }
  });

  it("cuts fractions to the millisecond and keeps whole seconds", () => {
    expect(epochMs("2026-11-22 10:11:12.999999+00")).toBe(Date.UTC(2026, 10, 22, 10, 11, 12, 999));
    expect(epochMs("2026-11-22 10:11:12.5-03")).toBe(Date.UTC(2026, 10, 22, 13, 11, 12, 500));
    expect(epochMs("2026-11-22 10:11:12+05:30")).toBe(Date.UTC(2026, 10, 22, 4, 41, 12, 0));
  });

  it("leaves other forms and Dates to Date", () => {
    for (const text of ["2026-11-22T10:11:12.123Z", "1850-01-01 00:00:00+00:53:28", "0050-01-01 00:00:00+00", "12026-01-01 00:00:00+00", "2026-13-01 00:00:00+00", "not a time"]) {
      expect(postgresTextMs(text), text).toBeNaN();
      expect(epochMs(text), text).toEqual(new Date(text).getTime());
    }
    const d = new Date(1_795_342_272_123);
    expect(epochMs(d)).toBe(1_795_342_272_123);
  });
});
