import { fireEvent, screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { emptyForm, type CampaignForm } from "../src/pages/merchant/campaign-form";
import { CommissionPreview } from "../src/pages/merchant/CommissionPreview";
import { fakeApi, renderPage } from "./render";

const sentence = () => screen.getByTestId("commission-preview").textContent!.replace(/\u00a0/g, " ");

describe("commission preview", () => {
  it("reads the base rate through the core commission code, in pt-BR money", () => {
    renderPage(() => <CommissionPreview form={emptyForm()} />, { api: fakeApi({}) });
    expect(sentence()).toBe("Um pedido de R$ 250,00 paga R$ 25,00.");
    fireEvent.input(screen.getByLabelText("Valor do pedido"), { target: { value: "1.234,56" } });
    expect(sentence()).toBe("Um pedido de R$ 1.234,56 paga R$ 123,46.");
  });

  it("applies the first-order rate and the minimum order, and says when input is unreadable", () => {
    const form: CampaignForm = { ...emptyForm(), firstOrder: { type: "flat", value: "30,00" }, minOrder: "100,00" };
    renderPage(() => <CommissionPreview form={form} />, { api: fakeApi({}) });
    expect(sentence()).toBe("Um pedido de R$ 250,00 paga R$ 30,00.");
    fireEvent.click(screen.getByLabelText("Primeira compra do cliente"));
    expect(sentence()).toBe("Um pedido de R$ 250,00 paga R$ 25,00.");
    fireEvent.input(screen.getByLabelText("Valor do pedido"), { target: { value: "99,99" } });
    expect(sentence()).toBe("Um pedido de R$ 99,99 paga R$ 0,00.");
    fireEvent.input(screen.getByLabelText("Valor do pedido"), { target: { value: "abc" } });
    expect(sentence()).toBe("Digite valores válidos para ver a comissão.");
  });

  it("speaks English with English number notation", () => {
    renderPage(() => <CommissionPreview form={{ ...emptyForm("USD"), base: { type: "percentage", value: "12.5" } }} />, { api: fakeApi({}), locale: "en" });
    expect(sentence()).toBe("An order of $250.00 pays $31.25.");
  });
});
