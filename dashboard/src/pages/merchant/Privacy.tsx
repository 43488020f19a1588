/**
 * Privacy for owners and admins: answering shoppers' data-subject requests (export, erasure, their consent
 * records) and the retention policy. Consents are recorded by the merchant's banner through the API, so
 * this page only reads them.
 */
import { useI18n } from "../../i18n/i18n";
import { RetentionForm } from "../../privacy/RetentionForm";
import { SubjectRequests } from "../../privacy/SubjectRequests";

export default function Privacy() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("nav.privacy")}</h1>
      <SubjectRequests />
      <RetentionForm />
    </>
  );
}
