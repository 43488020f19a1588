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
import { useMethodsByAffiliate } from "../../payouts/methods-by-affiliate";
import { PayoutMethodForm } from "../../payouts/PayoutMethodForm";
import { Async } from "../../ui/Async";
import { createPagedList, PagedView } from "../../ui/paging";

export default function PayoutMethods() {
  const { client } = useApi();
  const can = useCan();
  const { t } = useI18n();
  const affiliates = createPagedList((cursor) => must(client.GET("/v1/affiliates", { params: { query: { limit: 50, cursor } } })));
  // The methods of every affiliate, read once (a few pages), whichever affiliates are shown.
  const methods = useMethodsByAffiliate();
  const [editing, setEditing] = createSignal<Affiliate>();

  return (
    <>
      <h1>{t("nav.payoutMethods")}</h1>
      <p>{t("methods.intro")}</p>
      <Show when={editing()} keyed>
        {(a) => <PayoutMethodForm affiliateId={a.id} focus label={t("methods.setFor", { name: a.name })} onSaved={(m) => methods.saved(a.id, m)} />}
      </Show>
      <PagedView list={affiliates} empty={t("affiliates.none")}>
        {(items) => (
          <Async data={methods.loaded} retry={methods.refetch}>
            {() => <AffiliateMethodsTable items={items()} methodsOf={methods.methodsOf} onSet={can("payouts:write") ? setEditing : undefined} />}
          </Async>
        )}
      </PagedView>
    </>
  );
}
