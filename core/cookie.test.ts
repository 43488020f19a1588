import { describe, expect, it } from "vitest";
import { readCookie, serializeCookie } from "./cookie";

describe("cookies", () => {
  it("serialises a first-party, server-set cookie", () => {
    expect(serializeCookie("indica_click", "clk_1", { maxAgeSeconds: 86400, domain: "loja.example" })).toBe(
      "indica_click=clk_1; Max-Age=86400; Path=/; Domain=loja.example; HttpOnly; Secure; SameSite=Lax",
    );
  });

  it("refuses values that would inject attributes", () => {
    expect(() => serializeCookie("a", "x; Domain=evil.example", { maxAgeSeconds: 1 })).toThrow();
  });

  it("reads one cookie from a header", () => {
    expect(readCookie("a=1; indica_vid=vis_2 ; b=3", "indica_vid")).toBe("vis_2");
    expect(readCookie("a=1", "indica_vid")).toBeNull();
    expect(readCookie(null, "indica_vid")).toBeNull();
  });
});
