import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it, vi } from "vitest";
import { hashEmail } from "../../core/identity-hash";
import Privacy from "../src/pages/merchant/Privacy";
import { fakeApi, renderPage } from "./render";

const retention = { "GET /v1/privacy/retention": () => ({ rawEventMonths: 25, ipHashDays: 30 }) };
const identify = (kind: string, value: string) => {
  fireEvent.change(screen.getByLabelText("Find the person by"), { target: { value: kind } });
  fireEvent.input(screen.getByLabelText("Identifier"), { target: { value } });
};

describe("privacy page", () => {
  it("exports a person's data with the identifier in the body and offers it as a JSON download", async () => {
    const api = fakeApi({ ...retention, "POST /v1/privacy/export": () => ({ tables: { clicks: [{ id: "clk_1" }] } }) });
    const createObjectURL = vi.fn((_: Blob) => "blob:export");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    renderPage(() => <Privacy />, { api, locale: "en" });
    identify("customerId", "cus_42");
    fireEvent.click(screen.getByRole("button", { name: "Export (JSON)" }));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    const sent = api.calls.filter((c) => c.path === "/v1/privacy/export");
    expect(sent).toEqual([{ method: "POST", path: "/v1/privacy/export", search: "", body: { customerId: "cus_42" } }]);
    const blob = createObjectURL.mock.calls[0]![0];
    expect(blob.type).toBe("application/json");
    expect(JSON.parse(await blob.text())).toEqual({ tables: { clicks: [{ id: "clk_1" }] } });
  });

  it("sends the erasure only after the identifier is typed again, then shows what was erased", async () => {
    const api = fakeApi({ ...retention, "POST /v1/privacy/erasure": () => ({ erased: { browser_events: 7, consents: 1 } }) });
    renderPage(() => <Privacy />, { api, locale: "en" });
    identify("email", "ana@shop.example");
    fireEvent.click(screen.getByRole("button", { name: "Erase…" }));
    expect(screen.getByText(/cannot be undone/)).toBeTruthy();
    const confirm = screen.getByRole("button", { name: "Erase permanently" }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText("Type the identifier again"), { target: { value: "ana@shop.exampl" } });
    expect(confirm.disabled).toBe(true);
    fireEvent.click(confirm);
    expect(api.calls.some((c) => c.path === "/v1/privacy/erasure")).toBe(false);

    fireEvent.input(screen.getByLabelText("Type the identifier again"), { target: { value: "ana@shop.example" } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    const row = await screen.findByRole("rowheader", { name: "browser_events" });
    expect(row.closest("tr")!.textContent).toContain("7");
    expect(api.calls.filter((c) => c.path === "/v1/privacy/erasure").map((c) => c.body)).toEqual([{ email: "ana@shop.example" }]);
  });

  it("shows the retention policy and the API's field error when saving", async () => {
    const api = fakeApi({
      ...retention,
      "PUT /v1/privacy/retention": () =>
        Response.json({ title: "Bad Request", code: "invalid", detail: "Invalid request", errors: [{ pointer: "/body/ipHashDays", detail: "At most 90 days." }] }, { status: 400 }),
    });
    renderPage(() => <Privacy />, { api, locale: "en" });
    const days = (await screen.findByLabelText("IP hashes kept for (days)")) as HTMLInputElement;
    expect(days.value).toBe("30");
    expect((screen.getByLabelText("Clicks and browser events kept for (months)") as HTMLInputElement).value).toBe("25");
    fireEvent.input(days, { target: { value: "12" } });
    fireEvent.submit(days.form!);
    const shown = await screen.findByText("At most 90 days.");
    // The field is looked up again: it is the one the error now describes.
    const field = screen.getByLabelText("IP hashes kept for (days)");
    expect(field.getAttribute("aria-describedby")).toContain(shown.id);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    // What was typed stays, so the person can correct it.
    expect((field as HTMLInputElement).value).toBe("12");
    expect(field).toBe(days);
    expect(screen.getByRole("alert").textContent).toContain("Invalid request");
    expect(api.calls.find((c) => c.method === "PUT")?.body).toEqual({ rawEventMonths: 25, ipHashDays: 12 });
  });

  it("lists a person's consent records by the email's hash, never the address", async () => {
    const consent = { id: "cns_1", visitorId: null, emailHash: "h", customerIdHash: null, purpose: "marketing", granted: true, source: "banner", policyVersion: "v2", recordedAt: "2026-11-01T12:00:00Z" };
    const api = fakeApi({ ...retention, "GET /v1/privacy/consents": () => ({ items: [consent] }) });
    renderPage(() => <Privacy />, { api, locale: "en" });
    identify("email", " Ana@Shop.example ");
    fireEvent.click(screen.getByRole("button", { name: "Consent records" }));
    const row = (await screen.findByRole("rowheader", { name: "marketing" })).closest("tr")!;
    expect(row.textContent).toContain("Granted");
    expect(row.textContent).toContain("v2");
    const asked = api.calls.filter((c) => c.path === "/v1/privacy/consents").map((c) => c.search);
    expect(asked).toEqual([`?emailHash=${await hashEmail("ana@shop.example")}`]);
  });

  it("shows the API's complaint about the identifier under the field", async () => {
    const api = fakeApi({
      ...retention,
      "POST /v1/privacy/export": () => Response.json({ title: "Bad Request", code: "invalid", detail: "Invalid request", errors: [{ pointer: "/body/email", detail: "Not an email address." }] }, { status: 400 }),
    });
    renderPage(() => <Privacy />, { api, locale: "en" });
    identify("email", "not-an-email");
    fireEvent.click(screen.getByRole("button", { name: "Export (JSON)" }));
    const shown = await screen.findByText("Not an email address.");
    expect(screen.getByLabelText("Identifier").getAttribute("aria-describedby")).toContain(shown.id);
    expect(screen.getByRole("alert").textContent).toContain("Invalid request");
  });
});
