/** What the program owes and has paid: balances per affiliate, then the payout history. */
import { createResource } from "solid-js";
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import { useAffiliates } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { BalanceTable } from "../../money/BalanceTable";
import { PayoutTable } from "../../money/PayoutTable";
import { Async, noItems } from "../../ui/Async";

export default function Payouts() {
  const { client } = useApi();
  const { t } = useI18n();
  const affiliates = useAffiliates();
  const [balances, b] = createResource(() => must(client.GET("/v1/balances", { params: { query: { limit: 200 } } })));
  const [payouts, p] = createResource(() => must(client.GET("/v1/payouts", { params: { query: { limit: 200 } } })));
  return (
    <>
      <h1>{t("nav.payouts")}</h1>
      <section aria-labelledby="bal-title">
        <h2 id="bal-title">{t("money.balances")}</h2>
        <Async data={balances} retry={b.refetch} isEmpty={noItems} empty={t("money.noBalances")}>
          {(page) => <BalanceTable items={page.items} name={affiliates.name} />}
        </Async>
      </section>
      <section aria-labelledby="pay-title">
        <h2 id="pay-title">{t("money.payouts")}</h2>
        <Async data={payouts} retry={p.refetch} isEmpty={noItems} empty={t("money.noPayouts")}>
          {(page) => <PayoutTable items={page.items} name={affiliates.name} />}
        </Async>
      </section>
    </>
  );
}
