/**
 * Payout methods: which affiliates have one on file (as hints), and, for people who may write payouts,
 * setting one for an affiliate (say, a PIX key the affiliate sent by email).
 */
import { createSignal, Show } from "solid-js";
import { useApi } from "../../api/context";
import { useCan } from "../../api/permissions";
import { must } from "../../api/errors";
import type { Affiliate } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { AffiliateMethodsTable } from "../../payouts/AffiliateMethodsTable";
import { PayoutMethodForm } from "../../payouts/PayoutMethodForm";
import { createPagedList, PagedView } from "../../ui/paging";

export default function PayoutMethods() {
  const { client } = useApi();
  const can = useCan();
  const { t } = useI18n();
  // Fifty a page: each row asks the API for its own methods.
  const affiliates = createPagedList((cursor) => must(client.GET("/v1/affiliates", { params: { query: { limit: 50, cursor } } })));
  const [editing, setEditing] = createSignal<Affiliate>();
  // Bumped per affiliate after a save, so only that row asks again.
  const [versions, setVersions] = createSignal<Record<string, number>>({});
  const saved = (id: string) => setVersions({ ...versions(), [id]: (versions()[id] ?? 0) + 1 });

  return (
    <>
      <h1>{t("nav.payoutMethods")}</h1>
      <p>{t("methods.intro")}</p>
      <Show when={editing()} keyed>
        {(a) => <PayoutMethodForm affiliateId={a.id} focus label={t("methods.setFor", { name: a.name })} onSaved={() => saved(a.id)} />}
      </Show>
      <PagedView list={affiliates} empty={t("affiliates.none")}>
        {(items) => <AffiliateMethodsTable items={items()} version={(id) => versions()[id] ?? 0} onSet={can("payouts:write") ? setEditing : undefined} />}
      </PagedView>
    </>
  );
}
