/**
 * A batch's lines: one per affiliate, with the amount, status, provider reference, attempts and last error.
 * Lines that can be reconciled get a checkbox (`selectable`); the rest show none. Attempts count calls to a
 * provider: a CSV batch makes none (the merchant pays and records it), so its lines would all read 0 and
 * look as if nothing happened; `attempts={false}` leaves the column out, the status and date tell the story.
 */
import { For, Show } from "solid-js";
import { useI18n } from "../i18n/i18n";
import { StatusBadge, TableWrap } from "../ui/Table";
import type { PayoutItem } from "./types";

export function BatchLines(props: {
  items: PayoutItem[];
  name: (id: string) => string;
  selectable: (item: PayoutItem) => boolean;
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  attempts: boolean;
}) {
  const i = useI18n();
  const { t } = i;
  const eligible = () => props.items.filter(props.selectable).map((x) => x.id);
  const allSelected = () => eligible().length > 0 && eligible().every((id) => props.selected.has(id));
  return (
    <TableWrap label={t("batch.lines")}>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <Show when={eligible().length > 0}>
                <input type="checkbox" aria-label={t("batch.selectAll")} checked={allSelected()} onChange={(e) => props.onSelect(eligible(), e.currentTarget.checked)} />
              </Show>
            </th>
            <th scope="col">{t("col.affiliate")}</th><th scope="col" class="num">{t("col.amount")}</th><th scope="col">{t("col.status")}</th>
            <th scope="col">{t("money.reference")}</th>
            <Show when={props.attempts}><th scope="col" class="num">{t("batch.attempts")}</th></Show>
            <th scope="col">{t("batch.lastError")}</th>
            <th scope="col">{t("batch.paidAt")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(x) => (
              <tr>
                <td>
                  <Show when={props.selectable(x)}>
                    <input type="checkbox" aria-label={t("batch.selectLine", { name: props.name(x.affiliateId) })} checked={props.selected.has(x.id)} onChange={(e) => props.onSelect([x.id], e.currentTarget.checked)} />
                  </Show>
                </td>
                <th scope="row">{props.name(x.affiliateId)}</th>
                <td class="num">{i.money(x.amount, x.currency)}</td>
                <td><StatusBadge status={x.status} label={t(`status.${x.status}`)} /></td>
                <td>{x.providerReference ?? "—"}</td>
                <Show when={props.attempts}><td class="num">{i.number(x.attempts)}</td></Show>
                <td><small>{x.lastError ?? ""}</small></td>
                <td>{x.paidAt ? i.date(x.paidAt) : "—"}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
