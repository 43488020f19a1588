import { describe, expect, it } from "vitest";
import { conversionBatchSchema, conversionInputSchema, refundInputSchema } from "./tracking";
import { unknownKeys } from "./unknown-keys";

describe("unknownKeys", () => {
  it("names misspelt keys at any depth of a conversion, as pointers, and leaves metadata open", () => {
    const order = {
      orderId: "1001", amount: 100, currency: "BRL", clickid: "clk_x", coupn: "AMIGO",
      customer: { emial: "a@b.c", email: "a@b.c" }, items: [{ sku: "A", quantity: 1, unitAmount: 100, colour: "red" }],
      metadata: { anything: "goes" }, subscription: { id: "s", renewal: 0, plan: "x" }, "a/b": 1,
    };
    expect(unknownKeys(conversionInputSchema, order).sort()).toEqual(["/a~1b", "/clickid", "/coupn", "/customer/emial", "/items/0/colour", "/subscription/plan"]);
  });

  it("finds nothing in a body with only known keys, and looks inside each conversion of a batch", () => {
    expect(unknownKeys(conversionInputSchema, { orderId: "1", amount: 1, currency: "BRL", status: "paid", customer: { email: " a@b.c " } })).toEqual([]);
    expect(unknownKeys(conversionBatchSchema, { conversions: [{ orderId: "1" }, { orderId: "2", amout: 5 }], dryRun: true })).toEqual(["/conversions/1/amout", "/dryRun"]);
    expect(unknownKeys(refundInputSchema, { orderId: "1", amount: 5, currency: "BRL", reson: "x" })).toEqual(["/reson"]);
    // Keys every object inherits are unknown keys like any other (the ingest fuzz test found a 500 here).
    expect(unknownKeys(conversionInputSchema, JSON.parse('{"orderId":"1","constructor":{},"customer":{"toString":1,"__proto__":{"x":1}}}'))).toEqual(["/constructor", "/customer/toString", "/customer/__proto__"]);
  });
});
