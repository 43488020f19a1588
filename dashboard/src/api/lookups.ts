/**
 * Names for the ids that lists and reports carry (affiliates, campaigns), fetched once per page. Up to 200
 * of each: enough for a small program's pickers; beyond that the id is shown.
 */
import { createResource } from "solid-js";
import type { components } from "../../../sdk";
import { useApi } from "./context";
import { must } from "./errors";

export type Affiliate = components["schemas"]["Affiliate"];
export type Campaign = components["schemas"]["Campaign"];

export function useAffiliates() {
  const { client } = useApi();
  const [list, { refetch }] = createResource(() => must(client.GET("/v1/affiliates", { params: { query: { limit: 200 } } })).then((p) => p.items));
  const name = (id: string | null | undefined) => (id ? (list.state === "ready" ? list().find((a) => a.id === id)?.name : undefined) ?? id : "—");
  return { list, refetch, name };
}

export function useCampaigns() {
  const { client } = useApi();
  const [list, { refetch }] = createResource(() => must(client.GET("/v1/campaigns", { params: { query: { limit: 200 } } })).then((p) => p.items));
  const name = (id: string | null | undefined) => (id ? (list.state === "ready" ? list().find((c) => c.id === id)?.name : undefined) ?? id : "—");
  return { list, refetch, name };
}
