/** The affiliate's own payout methods: what is on file (as hints), and adding or replacing one. */
import { createResource, Show } from "solid-js";
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { MethodHints } from "../../payouts/MethodHints";
import { PayoutMethodForm } from "../../payouts/PayoutMethodForm";
import { Async } from "../../ui/Async";

export default function PortalPayoutMethod() {
  const { client, session } = useApi();
  const { t } = useI18n();
  // The API lets affiliate users read and set only their own methods, by their affiliate id.
  const affiliateId = () => session.user()?.affiliateId ?? undefined;
  const [methods, { refetch }] = createResource(affiliateId, (id) => must(client.GET("/v1/affiliates/{id}/payout-methods", { params: { path: { id } } })));
  return (
    <>
      <h1>{t("nav.myPayoutMethod")}</h1>
      <p>{t("methods.mineIntro")}</p>
      <section aria-labelledby="my-methods">
        <h2 id="my-methods">{t("methods.onFile")}</h2>
        <Async data={methods} retry={refetch}>{(m) => <MethodHints methods={m.items} none={t("methods.noneMine")} />}</Async>
      </section>
      <Show when={affiliateId()}>
        {(id) => <PayoutMethodForm affiliateId={id()} label={t("methods.save")} onSaved={() => void refetch()} />}
      </Show>
    </>
  );
}
