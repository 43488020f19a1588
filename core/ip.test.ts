import { describe, expect, it } from "vitest";
import { hashIp, saltDay, truncateIp } from "./ip";

describe("ip privacy", () => {
  it("truncates IPv4 to /24 and IPv6 to /48", () => {
    expect(truncateIp("203.0.113.77")).toBe("203.0.113.0/24");
    expect(truncateIp("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(truncateIp("::1")).toBe("0:0:0::/48");
    expect(truncateIp("not-an-ip")).toBeNull();
  });

  it("hashes the network with a salt that rotates daily", async () => {
    const day = Date.UTC(2026, 10, 22, 12);
    const a = hashIp("203.0.113.77", "s3cret", day);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(hashIp("203.0.113.9", "s3cret", day)).toBe(a);
    expect(hashIp("203.0.113.77", "s3cret", day + 86_400_000)).not.toBe(a);
    expect(a).not.toContain("203");
  });

  it("names the UTC day of any instant, across day boundaries in either order", () => {
    const midnight = Date.UTC(2026, 10, 23);
    expect(saltDay(midnight - 1)).toBe("2026-11-22");
    expect(saltDay(midnight)).toBe("2026-11-23");
    expect(saltDay(midnight - 86_400_000)).toBe("2026-11-22");
    expect(saltDay(Date.UTC(1999, 11, 31, 23, 59))).toBe("1999-12-31");
  });
});
