/**
 * Privacy for owners and admins: answering shoppers' data-subject requests (export, erasure) and the
 * retention policy. Consent records are written by the merchant's banner through the API, not here.
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
