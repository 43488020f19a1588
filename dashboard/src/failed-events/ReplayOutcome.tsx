/** What a replay did: how many went back through the pipeline, and each requested event that did not, with why. */
import { For, Show } from "solid-js";
import type { components } from "../../../sdk";
import { useI18n } from "../i18n/i18n";

export type ReplayResult = components["schemas"]["FailedEventReplayResult"];

export function ReplayOutcome(props: { result: ReplayResult }) {
  const { t } = useI18n();
  return (
    <div class="notice ok" role="status">
      <p>{t("failed.replayedN", { n: props.result.replayed })}</p>
      <Show when={props.result.skipped.length > 0}>
        <p>{t("failed.skipped")}</p>
        <ul>
          <For each={props.result.skipped}>{(s) => <li><code>{s.id}</code>: {t(`failed.reason.${s.reason}`)}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}
