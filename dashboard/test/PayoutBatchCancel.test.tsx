import { fireEvent, screen, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { BatchDetail } from "../src/payouts/BatchDetail";
import { fakeApi, renderPage } from "./render";
import { affiliates, batch, item, problem } from "./payout-batch-fixtures";

/** A CSV batch approved and waiting for the bank: nobody paid yet, so it can still be cancelled. */
const approvedCsv = () =>
  batch({ provider: "csv", status: "processing", sentAt: "2026-11-24T12:00:00Z" }, [
    item("pyi_1", "aff_1", { status: "processing" }),
    item("pyi_2", "aff_2", { amount: 2_345, status: "processing" }),
  ]);

const openBatch = (answers: Parameters<typeof fakeApi>[0]) => {
  const api = fakeApi({ "GET /v1/affiliates": affiliates, ...answers });
  renderPage(() => <BatchDetail id="pay_1" />, { api, location: "/payout-batches/pay_1", locale: "en" });
  return api;
};
const posts = (api: ReturnType<typeof fakeApi>) => api.calls.filter((c) => c.method === "POST").map((c) => c.path);

describe("cancelling a payout batch", () => {
  it("cancels only after the confirmation, then shows the cancelled batch without send or record actions", async () => {
    const api = openBatch({
      "GET /v1/payout-batches/pay_1": approvedCsv,
      "POST /v1/payout-batches/pay_1/cancel": () => ({ ...approvedCsv(), status: "cancelled" }),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Cancel batch" }));
    const confirm = screen.getByRole("group", { name: /become free for the next batch/ });
    expect(confirm.textContent).toContain("its 2 affiliate(s)");
    expect(posts(api)).toEqual([]);
    fireEvent.click(within(confirm).getByRole("button", { name: "Confirm" }));

    expect((await screen.findByRole("status")).textContent).toBe("Batch cancelled.");
    expect(posts(api)).toEqual(["/v1/payout-batches/pay_1/cancel"]);
    expect(screen.getAllByText("Cancelled").length).toBeGreaterThan(0);
    expect(screen.queryByRole("button", { name: "Cancel batch" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Send again|Approve/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Mark selected paid" })).toBeNull();
    expect(screen.queryByLabelText("Select the line of Maria Souza")).toBeNull();
  });

  it("going back from the confirmation cancels nothing", async () => {
    const api = openBatch({ "GET /v1/payout-batches/pay_1": () => batch() });
    fireEvent.click(await screen.findByRole("button", { name: "Cancel batch" }));
    fireEvent.click(screen.getByRole("button", { name: "Go back" }));
    expect(screen.getByRole("button", { name: "Cancel batch" })).toBeTruthy();
    expect(posts(api)).toEqual([]);
  });

  it("shows the API's problem when it refuses, and keeps the batch as it was", async () => {
    const detail = "1 of the batch's items are paid; a batch someone was paid from cannot be cancelled (mark a payment that did not happen as failed first).";
    openBatch({
      "GET /v1/payout-batches/pay_1": approvedCsv,
      "POST /v1/payout-batches/pay_1/cancel": () => problem(409, { title: "Conflict", code: "conflict", detail }),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Cancel batch" }));
    fireEvent.click(screen.getByRole("button", { name: "Confirm" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("Conflict")).toBeTruthy();
    expect(alert.textContent).toContain(detail);
    expect(screen.getByLabelText("Select the line of Maria Souza")).toBeTruthy();
  });

  it("is not offered once someone was paid", async () => {
    openBatch({
      "GET /v1/payout-batches/pay_1": () =>
        batch({ provider: "csv", status: "processing" }, [item("pyi_1", "aff_1", { status: "paid", paidAt: "2026-11-25T12:00:00Z" }), item("pyi_2", "aff_2", { status: "processing" })]),
    });
    await screen.findByLabelText("Select the line of Bruno Lima");
    expect(screen.queryByRole("button", { name: "Cancel batch" })).toBeNull();
  });

  it("is not offered while a provider's accepted payment is processing", async () => {
    openBatch({
      "GET /v1/payout-batches/pay_1": () =>
        batch({ status: "processing" }, [item("pyi_1", "aff_1", { status: "processing", providerReference: "E1", attempts: 1 }), item("pyi_2", "aff_2", { status: "failed", attempts: 1 })]),
    });
    await screen.findByLabelText("Select the line of Maria Souza");
    expect(screen.getByRole("button", { name: "Send again (retries failed lines)" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Cancel batch" })).toBeNull();
  });
});
