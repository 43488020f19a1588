import { describe, expect, it } from "vitest";
import { newId } from "../ids";
import { explanationForAffiliate } from "./explanation-for-affiliate";

const anna = newId("affiliate");
const lukasz = newId("affiliate");

describe("explanationForAffiliate", () => {
  it("hides another affiliate's coupon code and id", () => {
    const line = `link first: the coupon LUKASZ15 of affiliate ${lukasz} did not count, because clicks identify the shopper`;
    expect(explanationForAffiliate([line], anna)).toEqual(["link first: the coupon of another affiliate did not count, because clicks identify the shopper"]);
  });

  it("hides who else was caught referring themselves", () => {
    const line = `self-referral excluded: the order carries the own email of affiliate ${lukasz}, whose 2 touches did not count`;
    expect(explanationForAffiliate([line], anna)).toEqual(["self-referral excluded: the order carries the own email of another affiliate, whose 2 touches did not count"]);
  });

  it("keeps what is the reader's own, and lines naming nobody", () => {
    const lines = [`link and coupon both count: the coupon ANNA10 of affiliate ${anna} is one more touch at the order's time`, "10% of 25000 (base rate) = 2500"];
    expect(explanationForAffiliate(lines, anna)).toEqual(lines);
  });
});
