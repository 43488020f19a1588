import { screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { ApiKeys } from "../src/pages/settings/ApiKeys";
import { fakeApi, renderPage } from "./render";

const key = (id: string, name: string, scopes: string[]) => ({ id, name, prefix: "ik_abc", scopes, lastUsedAt: null, createdAt: "2026-11-01T00:00:00Z", expiresAt: null });

describe("API keys section", () => {
  it("says a key without scopes may do everything (the seeded demo key), and lists a limited key's scopes", async () => {
    const api = fakeApi({ "GET /v1/api-keys": () => ({ items: [key("key_1", "Demo key", []), key("key_2", "Loja server", ["links:read", "links:write"])], nextCursor: null }) });
    renderPage(() => <ApiKeys />, { api, locale: "en" });
    expect((await screen.findByRole("rowheader", { name: /Demo key/ })).textContent).toBe("Demo keyall");
    expect(screen.getByRole("rowheader", { name: /Loja server/ }).textContent).toBe("Loja serverlinks:read, links:write");
  });
});
