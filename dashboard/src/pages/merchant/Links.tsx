import { createSignal } from "solid-js";
import { useI18n } from "../../i18n/i18n";
import { LinkBuilder } from "../../links/LinkBuilder";
import { LinkList } from "../../links/LinkList";

export default function Links() {
  const { t } = useI18n();
  // Bumped after a link is made, so the list below refetches.
  const [version, setVersion] = createSignal(0);
  return (
    <>
      <h1>{t("nav.links")}</h1>
      <LinkBuilder audience="merchant" onCreated={() => setVersion(version() + 1)} />
      <LinkList audience="merchant" version={version()} />
    </>
  );
}
