/** Failed events as rows (reason, type, event id, time, attempts), with a checkbox each when they can be replayed. */
import { For, Show } from "solid-js";
import type { components } from "../../../sdk";
import { useI18n } from "../i18n/i18n";
import { TableWrap } from "../ui/Table";

type FailedEvent = components["schemas"]["FailedEvent"];

export function FailedEventTable(props: { items: FailedEvent[]; selectable: boolean; selected: ReadonlySet<string>; onToggle: (id: string, on: boolean) => void }) {
  const { t, dateTime } = useI18n();
  return (
    <TableWrap label={t("nav.failedEvents")}>
      <table>
        <thead>
          <tr>
            <Show when={props.selectable}><th scope="col"><span class="sr-only">{t("failed.select")}</span></th></Show>
            <th scope="col">{t("failed.col.reason")}</th><th scope="col">{t("failed.col.type")}</th><th scope="col">{t("failed.col.event")}</th>
            <th scope="col">{t("col.date")}</th><th scope="col" class="num">{t("failed.col.attempts")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(f) => (
              <tr>
                <Show when={props.selectable}>
                  <td>
                    <input type="checkbox" aria-label={t("failed.selectOne", { id: f.eventId ?? f.id })} checked={props.selected.has(f.id)}
                      onChange={(e) => props.onToggle(f.id, e.currentTarget.checked)} />
                  </td>
                </Show>
                <td>{f.reason}</td>
                <td>{f.eventType ?? "—"}</td>
                <td><code>{f.eventId ?? f.id}</code></td>
                {/* Replayed rows show when they were replayed; pending ones when they were parked. */}
                <td>{dateTime(f.replayedAt ?? f.createdAt)}</td>
                <td class="num">{f.attempts}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
