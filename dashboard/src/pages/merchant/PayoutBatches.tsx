/** Payout batches: make a draft from the affiliates' available balances, and every batch so far. */
import { useNavigate } from "@solidjs/router";
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { BatchTable } from "../../payouts/BatchTable";
import { CreateBatchForm } from "../../payouts/CreateBatchForm";
import { createPagedList, PagedView } from "../../ui/paging";

export default function PayoutBatches() {
  const { client } = useApi();
  const { t } = useI18n();
  const navigate = useNavigate();
  const batches = createPagedList((cursor) => must(client.GET("/v1/payout-batches", { params: { query: { limit: 100, cursor } } })));
  return (
    <>
      <h1>{t("nav.payoutBatches")}</h1>
      <p>{t("batches.intro")}</p>
      {/* A new draft is opened right away: its lines are what the merchant checks before sending. */}
      <CreateBatchForm onCreated={(b) => navigate(`/payout-batches/${b.id}`)} />
      <section aria-labelledby="batches-title">
        <h2 id="batches-title">{t("batches.list")}</h2>
        <PagedView list={batches} empty={t("batches.none")}>
          {(items) => <BatchTable items={items()} />}
        </PagedView>
      </section>
    </>
  );
}
