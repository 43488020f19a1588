/**
 * Every payout method on file, by affiliate, from GET /v1/payout-methods read to its last page: a few
 * requests for the whole program instead of one per affiliate shown.
 */
import { createResource, createSignal } from "solid-js";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import type { PayoutMethod } from "./types";

export function useMethodsByAffiliate() {
  const { client } = useApi();
  // Methods saved on this page since the list was read. Kept apart from the resource, so a save updates
  // its affiliate's row without the whole table being drawn again.
  const [savedHere, setSavedHere] = createSignal<Record<string, PayoutMethod[]>>({});
  const [loaded, { refetch }] = createResource(async () => {
    setSavedHere({});
    const byAffiliate = new Map<string, PayoutMethod[]>();
    let cursor: string | undefined;
    do {
      const page = await must(client.GET("/v1/payout-methods", { params: { query: { limit: 200, cursor } } }));
      for (const { affiliateId, ...m } of page.items) byAffiliate.set(affiliateId, [...(byAffiliate.get(affiliateId) ?? []), m]);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return byAffiliate;
  });
  const ready = () => (loaded.state === "ready" || loaded.state === "refreshing" ? loaded() : undefined);
  const methodsOf = (affiliateId: string): PayoutMethod[] => savedHere()[affiliateId] ?? ready()?.get(affiliateId) ?? [];
  // A saved method replaces the affiliate's method of its kind in place, as the API does (the PUT answers
  // with it), so nothing needs reading again.
  const saved = (affiliateId: string, method: PayoutMethod) => {
    const current = methodsOf(affiliateId);
    const next = current.some((m) => m.kind === method.kind) ? current.map((m) => (m.kind === method.kind ? method : m)) : [...current, method];
    setSavedHere({ ...savedHere(), [affiliateId]: next });
  };
  return { loaded, refetch, methodsOf, saved };
}
