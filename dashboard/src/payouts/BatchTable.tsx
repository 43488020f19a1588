/** Payout batches, one row each: status, provider, currency, total, how many affiliates, and the dates. */
import { A } from "@solidjs/router";
import { For } from "solid-js";
import { useI18n } from "../i18n/i18n";
import { StatusBadge, TableWrap } from "../ui/Table";
import type { PayoutBatch } from "./types";

export function BatchTable(props: { items: PayoutBatch[] }) {
  const i = useI18n();
  const { t } = i;
  return (
    <TableWrap label={t("batches.list")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("col.created")}</th><th scope="col">{t("col.status")}</th><th scope="col">{t("batches.provider")}</th>
            <th scope="col" class="num">{t("batches.total")}</th><th scope="col" class="num">{t("batches.affiliates")}</th>
            <th scope="col">{t("batches.sent")}</th><th scope="col">{t("batches.settled")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(b) => (
              <tr>
                <th scope="row"><A href={`/payout-batches/${b.id}`} aria-label={t("batches.open", { id: b.id })}>{i.date(b.createdAt)}</A></th>
                <td><StatusBadge status={b.status} label={t(`status.${b.status}`)} /></td>
                <td>{t(`provider.${b.provider}`)}</td>
                <td class="num">{i.money(b.totalAmount, b.currency)}</td>
                <td class="num">{i.number(b.itemCount)}</td>
                <td>{b.sentAt ? i.date(b.sentAt) : "—"}</td>
                <td>{b.completedAt ? i.date(b.completedAt) : "—"}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
