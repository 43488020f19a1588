/** The Disable / Enable button of a row that is either active or disabled (links, coupons). */
import { useI18n } from "../i18n/i18n";

export type ActiveStatus = "active" | "disabled";

export function EnableToggle(props: { status: ActiveStatus; onToggle: (next: ActiveStatus) => void }) {
  const { t } = useI18n();
  return (
    <button type="button" class="small secondary" onClick={() => props.onToggle(props.status === "active" ? "disabled" : "active")}>
      {props.status === "active" ? t("action.disable") : t("action.enable")}
    </button>
  );
}
