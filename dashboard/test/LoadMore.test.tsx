import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import Affiliates from "../src/pages/merchant/Affiliates";
import { fakeApi, renderPage } from "./render";

const affiliate = (id: string, name: string, status = "active") => ({ id, name, email: `${id}@x`, status, affiliateGroup: null, createdAt: "2026-11-01T00:00:00Z" });

describe("load more on a filtered list", () => {
  it("appends the next page by cursor and starts over when the filter changes", async () => {
    const api = fakeApi({
      "GET /v1/affiliates": (req) => {
        const q = new URL(req.url).searchParams;
        if (q.get("status") === "pending") return { items: [affiliate("aff_9", "Pendente Pires", "pending")], nextCursor: null };
        return q.get("cursor") === "aff_1" ? { items: [affiliate("aff_2", "Bruno Lima")], nextCursor: null } : { items: [affiliate("aff_1", "Ana Souza")], nextCursor: "aff_1" };
      },
      "GET /v1/campaigns": () => ({ items: [], nextCursor: null }),
    });
    renderPage(() => <Affiliates />, { api, location: "/affiliates", locale: "en" });
    await screen.findByText("Ana Souza");
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await screen.findByText("Bruno Lima");
    expect(screen.getByText("Ana Souza")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(api.calls.filter((c) => c.path === "/v1/affiliates").map((c) => new URLSearchParams(c.search).get("cursor"))).toEqual([null, "aff_1"]);

    fireEvent.change(screen.getByLabelText(/Status/), { target: { value: "pending" } });
    await screen.findByText("Pendente Pires");
    await waitFor(() => expect(screen.queryByText("Bruno Lima")).toBeNull());
    expect(screen.queryByText("Ana Souza")).toBeNull();
  });
});
