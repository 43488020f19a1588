import { describe, expect, it } from "vitest";
import { planRefigure, type ComputedCommission, type HeldCommission } from "./refigure-plan";

const computed = (o: Partial<ComputedCommission>): ComputedCommission => ({
  id: "com_new", tenant_id: "tnt_1", conversion_id: "cnv_1", order_id: "DE-10001", affiliate_id: "aff_1", amount: 7_997, share_bp: 10_000,
  campaign_id: "cmp_1", currency: "BRL", rules_version: 1, explanation: ["3% of 249900", "500 flat"], ...o,
});
const held = (o: Partial<HeldCommission>): HeldCommission => ({ ...computed({}), id: "com_1", status: "pending", reversed_amount: 0, ...o });

describe("planRefigure", () => {
  it("changes nothing when the figures give the same commission (a status-only update)", () => {
    expect(planRefigure([held({})], [computed({})], new Set())).toEqual({ update: [], reject: [], insert: [] });
  });

  it("updates a changed commission under its own id", () => {
    const now = computed({ amount: 20_471, explanation: ["8% of 255890"] });
    expect(planRefigure([held({})], [now], new Set())).toEqual({ update: [{ ...now, id: "com_1" }], reject: [], insert: [] });
  });

  it("rewrites an unchanged commission of a refunded order, so its refunds apply to the new order amount", () => {
    expect(planRefigure([held({ reversed_amount: 100 })], [computed({})], new Set(["cnv_1"])).update.map((c) => c.id)).toEqual(["com_1"]);
  });

  it("rejects a pending share the order no longer gives, and makes a new one for a new share", () => {
    const two = computed({ affiliate_id: "aff_2", id: "com_new2", share_bp: 5_000 });
    expect(planRefigure([held({ affiliate_id: "aff_3", id: "com_3" })], [two], new Set())).toEqual({ update: [], reject: [held({ affiliate_id: "aff_3", id: "com_3" })], insert: [two] });
  });

  it("gives back a share an earlier recomputation rejected (pending again), and leaves it rejected otherwise", () => {
    const rejected = held({ status: "rejected" });
    expect(planRefigure([rejected], [computed({})], new Set()).update.map((c) => c.id)).toEqual(["com_1"]);
    expect(planRefigure([rejected], [], new Set())).toEqual({ update: [], reject: [], insert: [] });
  });
});
