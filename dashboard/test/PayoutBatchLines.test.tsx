import { screen, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { BatchDetail } from "../src/payouts/BatchDetail";
import { fakeApi, renderPage } from "./render";
import { affiliates, batch, item } from "./payout-batch-fixtures";

const headers = (table: HTMLElement) => within(table).getAllByRole("columnheader").map((h) => h.textContent);

async function linesOf(b: ReturnType<typeof batch>) {
  renderPage(() => <BatchDetail id="pay_1" />, { api: fakeApi({ "GET /v1/affiliates": affiliates, "GET /v1/payout-batches/pay_1": () => b }), location: "/payout-batches/pay_1", locale: "en" });
  const lines = await screen.findByRole("region", { name: "Lines" });
  await within(lines).findByText("Maria Souza");
  return lines;
}

describe("payout batch lines", () => {
  it("leaves the attempts out of a CSV batch: nothing is sent, so every line would read 0; status and paid date say what was marked", async () => {
    const lines = await linesOf(
      batch({ provider: "csv", status: "failed", sentAt: "2026-11-24T12:00:00Z" }, [
        item("pyi_1", "aff_1", { status: "paid", providerReference: "TED 991", paidAt: "2026-11-25T12:00:00Z" }),
        item("pyi_2", "aff_2", { status: "failed", lastError: "conta encerrada" }),
      ]),
    );
    expect(headers(lines)).not.toContain("Attempts");
    const maria = within(lines).getByText("Maria Souza").closest("tr")!;
    expect(within(maria).getByText("Paid")).toBeTruthy();
    expect(within(maria).getByText("TED 991")).toBeTruthy();
    expect(within(maria).queryByText("—")).toBeNull();
    expect(within(maria).queryByText("0")).toBeNull();
    const bruno = within(lines).getByText("Bruno Lima").closest("tr")!;
    expect(within(bruno).getByText("conta encerrada")).toBeTruthy();
    expect(within(bruno).queryByText("0")).toBeNull();
    // Every row has as many cells as there are headers: no cell is left over from the hidden column.
    for (const row of [maria, bruno]) expect(row.children).toHaveLength(headers(lines).length);
  });

  it("keeps the attempts of a batch sent through a provider", async () => {
    const lines = await linesOf(batch({ provider: "pix", status: "processing" }, [item("pyi_1", "aff_1", { status: "processing", providerReference: "E1", attempts: 2 })]));
    expect(headers(lines)).toContain("Attempts");
    expect(within(within(lines).getByText("Maria Souza").closest("tr")!).getByText("2")).toBeTruthy();
  });
});
