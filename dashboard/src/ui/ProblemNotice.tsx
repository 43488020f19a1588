/**
 * An action's failure as the API explained it: the problem's title, its detail, and each field error
 * (by the field's name, the tail of its JSON pointer). Errors that are not API problems show their message.
 */
import { For, Show } from "solid-js";
import { ApiError, messageOf } from "../api/errors";
import { useI18n } from "../i18n/i18n";

const fieldName = (pointer: string) => pointer.split("/").filter(Boolean).at(-1) ?? pointer;

export function ProblemNotice(props: { error: unknown }) {
  const { t } = useI18n();
  const problem = () => (props.error instanceof ApiError ? props.error.problem : undefined);
  // A detail that only repeats the title (or is missing) is not shown twice.
  const detail = () => {
    const p = problem();
    if (!p) return messageOf(props.error);
    return p.detail && p.detail !== p.title ? p.detail : undefined;
  };
  return (
    <div class="notice error" role="alert">
      <Show when={problem()?.title}>{(title) => <p><strong>{title()}</strong></p>}</Show>
      <Show when={detail()}>{(d) => <p>{d()}</p>}</Show>
      <Show when={problem()?.errors?.length}>
        <p>{t("problem.fields")}</p>
        <ul>
          <For each={problem()?.errors}>{(e) => <li><code>{fieldName(e.pointer)}</code>: {e.detail}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}
