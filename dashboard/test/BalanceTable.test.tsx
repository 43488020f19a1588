import { screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { BalanceTable } from "../src/money/BalanceTable";
import { fakeApi, renderPage } from "./render";

describe("balance table", () => {
  it("shows a commission approved inside its returns window apart from what is available to pay", async () => {
    const items = [{ affiliateId: "aff_1", balances: [{ currency: "BRL", available: 0, locked: 2_500, pending: 1_000, paid: 0, clawbackCarried: 0 }] }];
    renderPage(() => <BalanceTable items={items} name={() => "Maria"} />, { api: fakeApi({}), locale: "en" });
    const headers = screen.getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["Affiliate", "Available", "In returns window", "Pending", "Paid", "Clawbacks carried"]);
    const cells = screen.getAllByRole("cell").map((c) => c.textContent);
    expect(cells).toEqual(["R$0.00", "R$25.00", "R$10.00", "R$0.00", "R$0.00"]);
  });
});
