/** The merchant's coupons, whose they are and in which campaign; a coupon can be switched off and on. */
import { For } from "solid-js";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useAffiliates, useCampaigns } from "../api/lookups";
import { useI18n } from "../i18n/i18n";
import { EnableToggle } from "../ui/EnableToggle";
import { createFilteredPagedList, PagedView } from "../ui/paging";
import { StatusBadge, TableWrap } from "../ui/Table";

export function CouponList(props: { version: number }) {
  const { client } = useApi();
  const { t, date } = useI18n();
  const campaigns = useCampaigns();
  const affiliates = useAffiliates();
  // A new version (a coupon was just added) starts again from the first page.
  const list = createFilteredPagedList(() => props.version, (_, cursor) => must(client.GET("/v1/coupons", { params: { query: { limit: 100, cursor } } })));
  const toggle = async (id: string, status: "active" | "disabled") => {
    await must(client.PATCH("/v1/coupons/{id}", { params: { path: { id } }, body: { status } }));
    list.reload();
  };
  return (
    <>
      <PagedView list={list} empty={t("coupons.none")}>
        {(items) => (
          <TableWrap label={t("coupons.title")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("coupons.code")}</th>
                  <th scope="col">{t("col.affiliate")}</th>
                  <th scope="col">{t("col.campaign")}</th>
                  <th scope="col">{t("col.status")}</th>
                  <th scope="col">{t("col.created")}</th>
                  <th scope="col">{t("col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={items()}>
                  {(c) => (
                    <tr>
                      <th scope="row"><code>{c.code}</code></th>
                      <td>{affiliates.name(c.affiliateId)}</td>
                      <td>{campaigns.name(c.campaignId)}</td>
                      <td><StatusBadge status={c.status} label={t(`status.${c.status}`)} /></td>
                      <td>{date(c.createdAt)}</td>
                      <td>
                        <EnableToggle status={c.status} onToggle={(next) => toggle(c.id, next)} />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </PagedView>
    </>
  );
}
