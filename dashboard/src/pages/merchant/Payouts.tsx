/**
 * What the program owes and has paid: balances per affiliate, then the payout history. Paying them happens
 * in payout batches, linked from here for people who may make them.
 */
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { useApi } from "../../api/context";
import { useCan } from "../../api/permissions";
import { must } from "../../api/errors";
import { useAffiliates } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { BalanceTable } from "../../money/BalanceTable";
import { PayoutTable } from "../../money/PayoutTable";
import { createPagedList, PagedView } from "../../ui/paging";

export default function Payouts() {
  const { client } = useApi();
  const can = useCan();
  const { t } = useI18n();
  const affiliates = useAffiliates();
  const balances = createPagedList((cursor) => must(client.GET("/v1/balances", { params: { query: { limit: 100, cursor } } })));
  const payouts = createPagedList((cursor) => must(client.GET("/v1/payouts", { params: { query: { limit: 100, cursor } } })));
  return (
    <>
      <h1>{t("nav.payouts")}</h1>
      <p class="row wrap">
        <Show when={can("payouts:write")}><A href="/payout-batches">{t("money.toBatches")}</A></Show>
        <A href="/payout-methods">{t("money.toMethods")}</A>
      </p>
      <section aria-labelledby="bal-title">
        <h2 id="bal-title">{t("money.balances")}</h2>
        <PagedView list={balances} empty={t("money.noBalances")}>
          {(items) => <BalanceTable items={items()} name={affiliates.name} />}
        </PagedView>
      </section>
      <section aria-labelledby="pay-title">
        <h2 id="pay-title">{t("money.payouts")}</h2>
        <PagedView list={payouts} empty={t("money.noPayouts")}>
          {(items) => <PayoutTable items={items()} name={affiliates.name} />}
        </PagedView>
      </section>
    </>
  );
}
