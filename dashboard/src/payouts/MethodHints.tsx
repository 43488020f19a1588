/** An affiliate's payout methods as the API shows them: the kind and a masked hint, never the details. */
import { For, Show } from "solid-js";
import { useI18n } from "../i18n/i18n";
import type { PayoutMethod } from "./types";

export function MethodHints(props: { methods: PayoutMethod[]; none: string }) {
  const i = useI18n();
  const { t } = i;
  return (
    <Show when={props.methods.length > 0} fallback={<span class="empty">{props.none}</span>}>
      <ul class="plain">
        <For each={props.methods}>
          {(m) => (
            <li>
              <strong>{t(`methods.kind.${m.kind}`)}</strong> <code>{m.hint}</code> <small>{t("methods.updated", { date: i.date(m.updatedAt) })}</small>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
