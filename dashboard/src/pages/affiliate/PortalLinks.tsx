import { createSignal } from "solid-js";
import { useI18n } from "../../i18n/i18n";
import { LinkBuilder } from "../../links/LinkBuilder";
import { LinkList } from "../../links/LinkList";

export default function PortalLinks() {
  const { t } = useI18n();
  const [version, setVersion] = createSignal(0);
  return (
    <>
      <h1>{t("nav.myLinks")}</h1>
      <LinkBuilder audience="affiliate" onCreated={() => setVersion(version() + 1)} />
      <LinkList audience="affiliate" version={version()} />
    </>
  );
}
