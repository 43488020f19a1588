import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { SigningSecrets } from "../src/pages/settings/SigningSecrets";
import { fakeApi, renderPage } from "./render";

const secret = (id: string) => ({ id, scopes: ["conversions:write"], createdAt: "2026-11-20T00:00:00Z", revokedAt: null });

describe("signing secrets section", () => {
  it("creates a secret and shows it once with its key id, lists and revokes it", async () => {
    let rows: ReturnType<typeof secret>[] = [];
    const api = fakeApi({
      "GET /v1/signing-secrets": () => ({ items: rows, nextCursor: null }),
      "POST /v1/signing-secrets": () => ({ ...(rows = [secret("sgs_1")])[0], secret: "sgsec_abc" }),
      "DELETE /v1/signing-secrets/sgs_1": () => ((rows = []), { ...secret("sgs_1"), revokedAt: "2026-11-23T00:00:00Z" }),
    });
    renderPage(() => <SigningSecrets />, { api, locale: "en" });
    await screen.findByText("No signing secrets yet.");
    fireEvent.click(screen.getByRole("button", { name: "Create signing secret" }));
    expect(((await screen.findByLabelText("Signing secret")) as HTMLInputElement).value).toBe("sgsec_abc");
    expect((screen.getByLabelText("Key id (Indica-Key-Id)") as HTMLInputElement).value).toBe("sgs_1");
    expect(screen.getByText("Copy the signing secret now: it is shown only once.")).toBeTruthy();
    expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ scopes: ["conversions:write"] });

    fireEvent.click(await screen.findByRole("button", { name: "Revoke sgs_1" }));
    await waitFor(() => expect(api.calls.some((c) => c.method === "DELETE" && c.path === "/v1/signing-secrets/sgs_1")).toBe(true));
    await screen.findByText("No signing secrets yet.");
  });

  it("shows the API's reason when the caller may not create one", async () => {
    const api = fakeApi({
      "GET /v1/signing-secrets": () => ({ items: [], nextCursor: null }),
      "POST /v1/signing-secrets": () => Response.json({ title: "Forbidden", code: "forbidden", detail: "You cannot grant permissions you do not hold: conversions:write." }, { status: 403 }),
    });
    renderPage(() => <SigningSecrets />, { api, locale: "en" });
    fireEvent.click(await screen.findByRole("button", { name: "Create signing secret" }));
    expect((await screen.findByRole("alert")).textContent).toContain("conversions:write");
  });
});
