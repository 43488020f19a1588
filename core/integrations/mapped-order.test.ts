import { describe, expect, it } from "vitest";
import { minorToDecimal } from "../payouts/provider";
import { clickIdFromUrl, decimalToMinor } from "./mapped-order";

describe("platform money and click ids", () => {
  it("turns decimal strings into exact minor units, refusing what does not fit the currency", () => {
    expect(decimalToMinor("199.90", "BRL")).toBe(19_990);
    expect(decimalToMinor("0.1", "BRL")).toBe(10);
    expect(decimalToMinor("-10.00", "BRL")).toBe(-1_000);
    expect(decimalToMinor("1500", "CLP")).toBe(1_500);
    expect(decimalToMinor("1.005", "BRL")).toBeNull();
    expect(decimalToMinor("12,50", "BRL")).toBeNull();
    expect(decimalToMinor(undefined, "BRL")).toBeNull();
  });

  it("round-trips minor units to the decimals providers take", () => {
    for (const n of [0, 5, 99, 100, 12_345, 1_000_000_07]) expect(decimalToMinor(minorToDecimal(n, "BRL"), "BRL")).toBe(n);
    expect(minorToDecimal(5, "BRL")).toBe("0.05");
    expect(minorToDecimal(1500, "JPY")).toBe("1500");
  });

  it("finds a well-formed click id on a landing URL, relative or absolute", () => {
    const clk = "clk_01JB8Z5Q3X4M2N7P9R0S1T2V3W";
    expect(clickIdFromUrl(`/produtos?indica_cid=${clk}&utm_source=x`)).toBe(clk);
    expect(clickIdFromUrl(`https://loja.example/?indica_cid=${clk}`)).toBe(clk);
    expect(clickIdFromUrl("https://loja.example/?indica_cid=nope")).toBeUndefined();
  });
});
