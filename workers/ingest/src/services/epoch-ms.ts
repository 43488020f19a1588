/**
 * Epoch milliseconds of a timestamp as the driver hands it back: a Date, or Postgres' text form
 * (`2026-11-22 10:11:12.123456+00`: drizzle leaves timestamptz values unparsed). `new Date(text)` took about a
 * quarter of a microsecond a call, and a 500-order batch reads ~7,500 of them (every touch's click time), so
 * the usual form is read here by character codes. Anything else (a five-digit year, a year before 100, an
 * offset with seconds, BC) goes to `new Date`, and the result is the same as its: fractions of a millisecond
 * are cut off, not rounded (epoch-ms.test.ts compares the two).
 */

/** The two digits at `i` as a number, or -1 when either is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The text form read by hand; NaN when it is not the usual form. Exported for its test. */
export function postgresTextMs(v: string): number {
  const n = v.length;
  // YYYY-MM-DD HH:MM:SS, then an optional fraction, then +HH or +HH:MM.
  if (n < 22 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 32 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return NaN;
  const century = twoDigits(v, 0);
  const yy = twoDigits(v, 2);
  const month = twoDigits(v, 5);
  const day = twoDigits(v, 8);
  const hour = twoDigits(v, 11);
  const minute = twoDigits(v, 14);
  const second = twoDigits(v, 17);
  if (century < 1 || yy < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  let i = 19;
  let millis = 0;
  if (v.charCodeAt(i) === 46) {
    i++;
    const start = i;
    for (let scale = 100; i < n; i++, scale /= 10) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (scale >= 1) millis += d * scale;
    }
    if (i === start || i - start > 6) return NaN;
  }
  const sign = v.charCodeAt(i) === 43 ? 1 : v.charCodeAt(i) === 45 ? -1 : 0;
  const offsetHours = twoDigits(v, i + 1);
  if (sign === 0 || offsetHours < 0) return NaN;
  let offsetMinutes = 0;
  if (i + 3 !== n) {
    offsetMinutes = twoDigits(v, i + 4);
    if (v.charCodeAt(i + 3) !== 58 || offsetMinutes < 0 || offsetMinutes > 59 || i + 6 !== n) return NaN;
  }
  const utc = Date.UTC(century * 100 + yy, month - 1, day, hour, minute, second, millis);
  return utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

export function epochMs(v: string | Date): number {
  if (typeof v !== "string") return v.getTime();
  const ms = postgresTextMs(v);
  return Number.isNaN(ms) ? new Date(v).getTime() : ms;
}
