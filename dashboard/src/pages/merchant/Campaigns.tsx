import { A } from "@solidjs/router";
import { For } from "solid-js";
import { useCampaigns } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { Async } from "../../ui/Async";
import { StatusBadge, TableWrap } from "../../ui/Table";

/** A campaign's base rate in words: "10%" or "R$ 5,00". */
export function rateText(rate: { type: "percentage"; bp: number } | { type: "flat"; amount: number }, currency: string, i: ReturnType<typeof useI18n>): string {
  return rate.type === "percentage" ? i.percent(rate.bp / 10_000) : i.money(rate.amount, currency);
}

export default function Campaigns() {
  const i = useI18n();
  const { t } = i;
  const campaigns = useCampaigns();
  return (
    <>
      <div class="section-head">
        <h1>{t("nav.campaigns")}</h1>
        <A class="button" href="/campaigns/new">{t("campaign.new")}</A>
      </div>
      <Async data={campaigns.list} retry={campaigns.refetch} isEmpty={(l) => l.length === 0} empty={t("campaign.none")}>
        {(list) => (
          <TableWrap label={t("nav.campaigns")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("field.name")}</th>
                  <th scope="col">{t("col.status")}</th>
                  <th scope="col">{t("campaign.baseRate")}</th>
                  <th scope="col">{t("campaign.model")}</th>
                  <th scope="col">{t("campaign.window")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={list}>
                  {(c) => (
                    <tr>
                      <th scope="row"><A href={`/campaigns/${c.id}`}>{c.name}</A></th>
                      <td><StatusBadge status={c.status} label={t(`status.${c.status}`)} /></td>
                      <td>{rateText(c.commissionRules.base, c.currency, i)}</td>
                      <td>{t(`model.${c.attributionModel.kind}`)}</td>
                      <td>{t("campaign.days", { n: c.attributionWindowDays })}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </Async>
    </>
  );
}
