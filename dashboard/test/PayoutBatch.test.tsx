import { fireEvent, screen, waitFor, within } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { BatchDetail } from "../src/payouts/BatchDetail";
import { fakeApi, renderPage } from "./render";
import { affiliates, batch, item, problem } from "./payout-batch-fixtures";

describe("payout batch page", () => {
  it("shows the lines by affiliate name, and sends the batch only after the confirmation", async () => {
    const api = fakeApi({
      "GET /v1/affiliates": affiliates,
      "GET /v1/payout-batches/pay_1": () => batch(),
      "POST /v1/payout-batches/pay_1/send": () =>
        batch({ status: "processing", sentAt: "2026-11-24T12:00:00Z" }, [
          item("pyi_1", "aff_1", { status: "processing", providerReference: "E123", attempts: 1 }),
          item("pyi_2", "aff_2", { amount: 2_345, status: "failed", attempts: 1, lastError: "the affiliate has no pix payout method" }),
        ]),
    });
    renderPage(() => <BatchDetail id="pay_1" />, { api, location: "/payout-batches/pay_1", locale: "en" });
    const lines = await screen.findByRole("region", { name: "Lines" });
    await within(lines).findByText("Maria Souza");
    expect(within(within(lines).getByText("Bruno Lima").closest("tr")!).getByText("R$23.45")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Approve and send" }));
    const confirm = screen.getByRole("group", { name: /Send R\$123\.45 to 2 affiliate\(s\) through PIX \(Efí\)\?/ });
    expect(api.calls.some((c) => c.method === "POST")).toBe(false);
    fireEvent.click(within(confirm).getByRole("button", { name: "Confirm" }));

    await screen.findByText("the affiliate has no pix payout method");
    expect(api.calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual(["/v1/payout-batches/pay_1/send"]);
    expect(screen.getByText("E123")).toBeTruthy();
    // A line failed: the batch can be sent again, which retries it.
    expect(screen.getByRole("button", { name: "Send again (retries failed lines)" })).toBeTruthy();
  });

  it("going back from the confirmation sends nothing", async () => {
    const api = fakeApi({ "GET /v1/affiliates": affiliates, "GET /v1/payout-batches/pay_1": () => batch() });
    renderPage(() => <BatchDetail id="pay_1" />, { api, location: "/payout-batches/pay_1", locale: "en" });
    fireEvent.click(await screen.findByRole("button", { name: "Approve and send" }));
    fireEvent.click(screen.getByRole("button", { name: "Go back" }));
    expect(screen.getByRole("button", { name: "Approve and send" })).toBeTruthy();
    expect(api.calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("shows the API's problem when sending fails", async () => {
    const api = fakeApi({
      "GET /v1/affiliates": affiliates,
      "GET /v1/payout-batches/pay_1": () => batch(),
      "POST /v1/payout-batches/pay_1/send": () => problem(422, { title: "Unprocessable Content", code: "unprocessable", detail: "The pix provider is not configured on this server (docs/payouts.md)." }),
    });
    renderPage(() => <BatchDetail id="pay_1" />, { api, location: "/payout-batches/pay_1", locale: "en" });
    fireEvent.click(await screen.findByRole("button", { name: "Approve and send" }));
    fireEvent.click(screen.getByRole("button", { name: "Confirm" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("Unprocessable Content")).toBeTruthy();
    expect(alert.textContent).toContain("The pix provider is not configured on this server");
  });

  it("marks the selected lines of a CSV batch paid with the bank's reference, after the confirmation", async () => {
    const processing = batch({ provider: "csv", status: "processing", sentAt: "2026-11-24T12:00:00Z" }, [
      item("pyi_1", "aff_1", { status: "processing", attempts: 0 }),
      item("pyi_2", "aff_2", { amount: 2_345, status: "processing" }),
    ]);
    const api = fakeApi({
      "GET /v1/affiliates": affiliates,
      "GET /v1/payout-batches/pay_1": () => processing,
      "POST /v1/payout-batches/pay_1/reconcile": () => ({ ...processing, items: [{ ...processing.items[0], status: "paid", providerReference: "TED 991", paidAt: "2026-11-25T12:00:00Z" }, processing.items[1]] }),
    });
    renderPage(() => <BatchDetail id="pay_1" />, { api, location: "/payout-batches/pay_1", locale: "en" });
    fireEvent.click(await screen.findByLabelText("Select the line of Maria Souza"));
    expect(screen.getByText("1 line(s) selected")).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Payment reference (optional)"), { target: { value: "TED 991" } });
    fireEvent.click(screen.getByRole("button", { name: "Mark selected paid" }));
    fireEvent.click(within(screen.getByRole("group", { name: /Mark 1 line\(s\) as paid\?/ })).getByRole("button", { name: "Confirm" }));

    expect((await screen.findByRole("status")).textContent).toBe("Lines updated.");
    expect(api.calls.find((c) => c.method === "POST")).toMatchObject({ path: "/v1/payout-batches/pay_1/reconcile", body: { items: [{ id: "pyi_1", status: "paid", reference: "TED 991" }] } });
    expect(screen.getByText("TED 991")).toBeTruthy();
    expect(screen.queryByLabelText("Select the line of Maria Souza")).toBeNull();
  });

  it("marks a provider batch's line failed with the reason", async () => {
    const processing = batch({ status: "processing" }, [item("pyi_1", "aff_1", { status: "processing", providerReference: "E1", attempts: 1 })]);
    const api = fakeApi({
      "GET /v1/affiliates": affiliates,
      "GET /v1/payout-batches/pay_1": () => processing,
      "POST /v1/payout-batches/pay_1/reconcile": () => ({ ...processing, status: "failed", items: [{ ...processing.items[0], status: "failed", lastError: "NAO_REALIZADO" }] }),
    });
    renderPage(() => <BatchDetail id="pay_1" />, { api, location: "/payout-batches/pay_1", locale: "en" });
    fireEvent.click(await screen.findByLabelText("Select all lines"));
    fireEvent.input(screen.getByLabelText("Why it failed (optional)"), { target: { value: "NAO_REALIZADO" } });
    fireEvent.click(screen.getByRole("button", { name: "Mark selected failed" }));
    fireEvent.click(screen.getByRole("button", { name: "Confirm" }));
    await screen.findByText("NAO_REALIZADO", { selector: "small" });
    expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ items: [{ id: "pyi_1", status: "failed", reason: "NAO_REALIZADO" }] });
  });

  it("marks a CSV batch's line failed with the reason, as the bank reported", async () => {
    const processing = batch({ provider: "csv_pix", status: "processing", sentAt: "2026-11-24T12:00:00Z" }, [item("pyi_1", "aff_1", { status: "processing" })]);
    const api = fakeApi({
      "GET /v1/affiliates": affiliates,
      "GET /v1/payout-batches/pay_1": () => processing,
      "POST /v1/payout-batches/pay_1/reconcile": () => ({ ...processing, status: "failed", items: [{ ...processing.items[0], status: "failed", lastError: "chave PIX inválida" }] }),
    });
    renderPage(() => <BatchDetail id="pay_1" />, { api, location: "/payout-batches/pay_1", locale: "en" });
    fireEvent.click(await screen.findByLabelText("Select the line of Maria Souza"));
    fireEvent.input(screen.getByLabelText("Why it failed (optional)"), { target: { value: "chave PIX inválida" } });
    fireEvent.click(screen.getByRole("button", { name: "Mark selected failed" }));
    fireEvent.click(within(screen.getByRole("group", { name: /Mark 1 line\(s\) as failed\?/ })).getByRole("button", { name: "Confirm" }));
    await screen.findByText("chave PIX inválida", { selector: "small" });
    expect(api.calls.filter((c) => c.method === "POST")).toMatchObject([
      { path: "/v1/payout-batches/pay_1/reconcile", body: { items: [{ id: "pyi_1", status: "failed", reason: "chave PIX inválida" }] } },
    ]);
  });

  it("records a failed line as paid with its reference (a new attempt); paid lines cannot be selected", async () => {
    const failed = batch({ status: "failed", sentAt: "2026-11-24T12:00:00Z" }, [
      item("pyi_1", "aff_1", { status: "failed", attempts: 1, lastError: "NAO_REALIZADO" }),
      item("pyi_2", "aff_2", { amount: 2_345, status: "paid", providerReference: "E2", attempts: 1, paidAt: "2026-11-25T12:00:00Z" }),
    ]);
    const api = fakeApi({
      "GET /v1/affiliates": affiliates,
      "GET /v1/payout-batches/pay_1": () => failed,
      "POST /v1/payout-batches/pay_1/reconcile": () => ({
        ...failed, status: "paid", items: [{ ...failed.items[0], status: "paid", providerReference: "TED 42", paidAt: "2026-11-26T12:00:00Z" }, failed.items[1]],
      }),
    });
    renderPage(() => <BatchDetail id="pay_1" />, { api, location: "/payout-batches/pay_1", locale: "en" });
    fireEvent.click(await screen.findByLabelText("Select the line of Maria Souza"));
    expect(screen.queryByLabelText("Select the line of Bruno Lima")).toBeNull();
    fireEvent.input(screen.getByLabelText("Payment reference (optional)"), { target: { value: "TED 42" } });
    fireEvent.click(screen.getByRole("button", { name: "Mark selected paid" }));
    fireEvent.click(within(screen.getByRole("group", { name: /Mark 1 line\(s\) as paid\?/ })).getByRole("button", { name: "Confirm" }));

    expect((await screen.findByRole("status")).textContent).toBe("Lines updated.");
    expect(api.calls.filter((c) => c.method === "POST")).toMatchObject([
      { path: "/v1/payout-batches/pay_1/reconcile", body: { items: [{ id: "pyi_1", status: "paid", reference: "TED 42" }] } },
    ]);
    expect(screen.getByText("TED 42")).toBeTruthy();
    expect(screen.queryByLabelText("Select the line of Maria Souza")).toBeNull();
  });

  it("shows the API's error when the batch does not exist", async () => {
    const api = fakeApi({
      "GET /v1/affiliates": affiliates,
      "GET /v1/payout-batches/pay_1": () => problem(404, { title: "Not Found", code: "not_found", detail: "No payout batch with this id in your account." }),
    });
    renderPage(() => <BatchDetail id="pay_1" />, { api, location: "/payout-batches/pay_1", locale: "en" });
    expect((await screen.findByRole("alert")).textContent).toContain("No payout batch with this id in your account.");
  });
});
