/**
 * Asks before an action that moves money: the question, then Confirm or Go back. Shown in place of the
 * action's button, so the person reads what will happen right where they clicked.
 */
import { useI18n } from "../i18n/i18n";

export function ConfirmBar(props: { question: string; busy?: boolean; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div class="card" role="group" aria-label={props.question}>
      <p>{props.question}</p>
      <div class="row">
        <button type="button" class={props.danger ? "danger" : undefined} disabled={props.busy} onClick={() => props.onConfirm()}>
          {props.busy ? t("state.working") : t("confirm.yes")}
        </button>
        <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onCancel()}>{t("confirm.no")}</button>
      </div>
    </div>
  );
}
