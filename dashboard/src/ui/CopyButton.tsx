/** Copies a text and says so to sighted and screen-reader users alike (a live region). */
import { createSignal } from "solid-js";
import { useI18n } from "../i18n/i18n";

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // Plain-HTTP origins other than localhost have no Clipboard API: fall back to a selected textarea.
  const area = document.createElement("textarea");
  area.value = text;
  document.body.append(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

export function CopyButton(props: { text: string; label?: string }) {
  const { t } = useI18n();
  const [status, setStatus] = createSignal("");
  const copy = async () => {
    try {
      await copyText(props.text);
      setStatus(t("copy.done"));
    } catch {
      setStatus(t("copy.failed"));
    }
    setTimeout(() => setStatus(""), 2500);
  };
  return (
    <span class="copy">
      <button type="button" class="secondary" onClick={copy}>
        {props.label ?? t("copy.action")}
      </button>
      <span class="copy-status" aria-live="polite">
        {status()}
      </span>
    </span>
  );
}

/** A value to copy: shown in a read-only code box with its button. */
export function CopyField(props: { label: string; text: string; id: string }) {
  return (
    <div class="copy-field">
      <label for={props.id}>{props.label}</label>
      <div class="row">
        <input id={props.id} readOnly value={props.text} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={props.text} />
      </div>
    </div>
  );
}

/** A secret or link the API shows only once (a key, a signing secret, an invite): say so, and offer the copy. */
export function ShownOnce(props: { note: string; label: string; text: string; id: string }) {
  return (
    <div class="notice ok once" role="status">
      <p>{props.note}</p>
      <CopyField id={props.id} label={props.label} text={props.text} />
    </div>
  );
}
