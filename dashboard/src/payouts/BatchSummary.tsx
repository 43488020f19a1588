/** A batch at a glance: status, provider, amounts and its dates. */
import { useI18n } from "../i18n/i18n";
import { StatusBadge } from "../ui/Table";
import type { PayoutBatch } from "./types";

export function BatchSummary(props: { batch: PayoutBatch }) {
  const i = useI18n();
  const { t } = i;
  const b = () => props.batch;
  return (
    <dl class="card grid3">
      <div><dt>{t("col.status")}</dt><dd><StatusBadge status={b().status} label={t(`status.${b().status}`)} /></dd></div>
      <div><dt>{t("batches.provider")}</dt><dd>{t(`provider.${b().provider}`)}</dd></div>
      <div><dt>{t("batches.total")}</dt><dd>{i.money(b().totalAmount, b().currency)}</dd></div>
      <div><dt>{t("batches.affiliates")}</dt><dd>{i.number(b().itemCount)}</dd></div>
      <div><dt>{t("batch.minimum")}</dt><dd>{i.money(b().minimumAmount, b().currency)}</dd></div>
      <div><dt>{t("col.created")}</dt><dd>{i.dateTime(b().createdAt)}</dd></div>
      <div><dt>{t("batches.sent")}</dt><dd>{b().sentAt ? i.dateTime(b().sentAt!) : "—"}</dd></div>
      <div><dt>{t("batches.settled")}</dt><dd>{b().completedAt ? i.dateTime(b().completedAt!) : "—"}</dd></div>
    </dl>
  );
}
