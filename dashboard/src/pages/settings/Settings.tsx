import { createSignal, Show } from "solid-js";
import { useI18n } from "../../i18n/i18n";
import { ApiKeys } from "./ApiKeys";
import { Domains } from "./Domains";
import { InstallCheck } from "./InstallCheck";
import { SigningSecrets } from "./SigningSecrets";
import { Team } from "./Team";
import { TenantSettings } from "./TenantSettings";
import { TrackingSnippet } from "./TrackingSnippet";
import { Webhooks } from "./Webhooks";

export default function Settings() {
  const { t } = useI18n();
  // The snippet needs the site id and click parameter, which the account settings load anyway.
  const [site, setSite] = createSignal<{ id: string; clickParam: string }>();
  return (
    <>
      <h1>{t("nav.settings")}</h1>
      <Show when={site()}>{(s) => <TrackingSnippet siteId={s().id} clickParam={s().clickParam} />}</Show>
      <InstallCheck />
      <TenantSettings onLoaded={(tn) => setSite({ id: tn.id, clickParam: tn.clickParam })} />
      <Domains />
      <Team />
      <ApiKeys />
      <SigningSecrets />
      <Webhooks />
    </>
  );
}
