import { describe, expect, it } from "vitest";
import { commissionRulesSchema } from "./rules";
import { nextCommissionRules, nextRuleVersion } from "./versioning";

const draft = (input: unknown) => {
  const { version: _, ...rest } = commissionRulesSchema.parse({ version: 1, ...(input as object) });
  return rest;
};

describe("nextCommissionRules", () => {
  it("keeps the version when the rules are the same, whatever the key order or omitted defaults", () => {
    const stored = { version: 4, base: { bp: 1000, type: "percentage" } };
    expect(nextCommissionRules(stored, draft({ base: { type: "percentage", bp: 1000 }, products: {} }))).toMatchObject({ version: 4 });
  });

  it("bumps the version when anything changes", () => {
    const stored = { version: 4, base: { type: "percentage", bp: 1000 } };
    const next = nextCommissionRules(stored, draft({ base: { type: "percentage", bp: 1500 } }));
    expect(next).toMatchObject({ version: 5, base: { bp: 1500 } });
    expect(nextCommissionRules(stored, draft({ base: { type: "percentage", bp: 1000 }, firstOrder: { type: "flat", amount: 500 } })).version).toBe(5);
  });

  it("continues after the stored number even when the stored rules are unreadable", () => {
    expect(nextCommissionRules({ version: 7, base: "ten percent" }, draft({ base: { type: "flat", amount: 1 } })).version).toBe(8);
    expect(nextCommissionRules(null, draft({ base: { type: "flat", amount: 1 } })).version).toBe(1);
  });
});

describe("nextRuleVersion", () => {
  const stored = { version: 4, base: { type: "percentage", bp: 1000 } };
  it("bumps the version when only the conflict rules change, and keeps the commission rules", () => {
    expect(nextRuleVersion(stored, undefined, true)).toEqual({ ...draft(stored), version: 5 });
    expect(nextRuleVersion(stored, draft({ base: { type: "percentage", bp: 1000 } }), true)?.version).toBe(5);
  });

  it("bumps once when both change, and not at all when neither does", () => {
    expect(nextRuleVersion(stored, draft({ base: { type: "percentage", bp: 2000 } }), true)?.version).toBe(5);
    expect(nextRuleVersion(stored, draft({ base: { type: "percentage", bp: 1000 } }), false)?.version).toBe(4);
    expect(nextRuleVersion(stored, undefined, false)).toBeUndefined();
  });
});
