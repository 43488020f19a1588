import { describe, expect, it } from "vitest";
import { deviceClassOf, reducedUserAgent } from "./device-class";

describe("device class", () => {
  it("classifies like the SQL function indica_device_of", () => {
    expect(deviceClassOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148")).toBe("mobile");
    expect(deviceClassOf("Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile Safari/537.36")).toBe("mobile");
    expect(deviceClassOf("Mozilla/5.0 (Linux; Android 13; SM-X200) Chrome/131.0 Safari/537.36")).toBe("tablet");
    expect(deviceClassOf("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)")).toBe("tablet");
    expect(deviceClassOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36")).toBe("desktop");
    expect(deviceClassOf(null)).toBe("other");
    expect(deviceClassOf("")).toBe("other");
  });

  it("a reduced user agent is the class word, which classifies as itself", () => {
    for (const ua of ["iPhone Mobile", "iPad", "Windows NT 10.0"]) {
      const reduced = reducedUserAgent(ua)!;
      expect(deviceClassOf(reduced)).toBe(reduced);
    }
    expect(reducedUserAgent(null)).toBeNull();
  });
});
