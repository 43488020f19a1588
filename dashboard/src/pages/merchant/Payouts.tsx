/** What the program owes and has paid: balances per affiliate, then the payout history. */
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import { useAffiliates } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { BalanceTable } from "../../money/BalanceTable";
import { PayoutTable } from "../../money/PayoutTable";
import { Async } from "../../ui/Async";
import { createPagedList, LoadMore } from "../../ui/paging";

export default function Payouts() {
  const { client } = useApi();
  const { t } = useI18n();
  const affiliates = useAffiliates();
  const balances = createPagedList((cursor) => must(client.GET("/v1/balances", { params: { query: { limit: 100, cursor } } })));
  const payouts = createPagedList((cursor) => must(client.GET("/v1/payouts", { params: { query: { limit: 100, cursor } } })));
  return (
    <>
      <h1>{t("nav.payouts")}</h1>
      <section aria-labelledby="bal-title">
        <h2 id="bal-title">{t("money.balances")}</h2>
        <Async data={balances.first} retry={balances.reload} isEmpty={() => balances.items().length === 0} empty={t("money.noBalances")}>
          {() => <BalanceTable items={balances.items()} name={affiliates.name} />}
        </Async>
        <LoadMore list={balances} />
      </section>
      <section aria-labelledby="pay-title">
        <h2 id="pay-title">{t("money.payouts")}</h2>
        <Async data={payouts.first} retry={payouts.reload} isEmpty={() => payouts.items().length === 0} empty={t("money.noPayouts")}>
          {() => <PayoutTable items={payouts.items()} name={affiliates.name} />}
        </Async>
        <LoadMore list={payouts} />
      </section>
    </>
  );
}
