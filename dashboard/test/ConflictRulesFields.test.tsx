import { fireEvent, screen } from "@solidjs/testing-library";
import { createStore } from "solid-js/store";
import { describe, expect, it } from "vitest";
import { bodyOf, emptyForm, rulesOf } from "../src/pages/merchant/campaign-form";
import { ConflictRulesFields } from "../src/pages/merchant/ConflictRulesFields";
import { fakeApi, renderPage } from "./render";

describe("conflict rules in the campaign form", () => {
  it("starts from the defaults, and sends the choices made with the campaign", () => {
    const [form, setForm] = createStore(emptyForm());
    renderPage(() => <ConflictRulesFields rules={form.conflictRules} onChange={(key, value) => setForm("conflictRules", key, value)} />, { api: fakeApi({}), locale: "en" });
    expect((screen.getByLabelText("Link and coupon") as HTMLSelectElement).value).toBe("link_first");
    fireEvent.change(screen.getByLabelText("Link and coupon"), { target: { value: "coupon_first" } });
    fireEvent.change(screen.getByLabelText("Ties"), { target: { value: "split" } });
    const made = rulesOf(form, "en");
    if ("invalid" in made) throw new Error("the default rates are readable");
    expect(bodyOf(form, made.rules).conflictRules).toEqual({ linkVsCoupon: "coupon_first", selfReferral: "hold", directOrganic: "keeps_credit", ties: "split" });
  });
});
