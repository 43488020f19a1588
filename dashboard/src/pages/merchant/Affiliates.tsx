/** The program's affiliates: invite one (the invite link is shown once), approve, suspend, set groups. */
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import type { Affiliate } from "../../api/lookups";
import { useI18n } from "../../i18n/i18n";
import { createFilteredPagedList, PagedView } from "../../ui/paging";
import { StatusBadge, TableWrap } from "../../ui/Table";
import { InviteAffiliate } from "./InviteAffiliate";

type Status = Affiliate["status"];

export default function Affiliates() {
  const { client } = useApi();
  const { t, date } = useI18n();
  const [status, setStatus] = createSignal<Status | "">("");
  const [error, setError] = createSignal("");
  const list = createFilteredPagedList(status, (s, cursor) => must(client.GET("/v1/affiliates", { params: { query: { limit: 100, cursor, ...(s ? { status: s } : {}) } } })));
  const refetch = list.reload;

  const update = async (id: string, body: { status?: Status; affiliateGroup?: string | null }) => {
    setError("");
    try {
      await must(client.PATCH("/v1/affiliates/{id}", { params: { path: { id } }, body }));
      refetch();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <>
      <h1>{t("nav.affiliates")}</h1>
      <InviteAffiliate onCreated={refetch} />
      <section aria-labelledby="aff-list">
        <div class="section-head">
          <h2 id="aff-list">{t("affiliates.list")}</h2>
          <label>
            {t("col.status")}{" "}
            <select value={status()} onChange={(e) => setStatus(e.currentTarget.value as Status | "")}>
              <option value="">{t("filter.all")}</option>
              <For each={["pending", "active", "suspended"] as const}>{(s) => <option value={s}>{t(`status.${s}`)}</option>}</For>
            </select>
          </label>
        </div>
        <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
        <PagedView list={list} empty={t("affiliates.none")}>
          {(items) => (
            <TableWrap label={t("affiliates.list")}>
              <table>
                <thead><tr><th scope="col">{t("field.name")}</th><th scope="col">{t("col.status")}</th><th scope="col">{t("affiliates.group")}</th><th scope="col">{t("col.created")}</th><th scope="col">{t("col.actions")}</th></tr></thead>
                <tbody>
                  <For each={items()}>
                    {(a) => (
                      <tr>
                        <th scope="row">{a.name}<br /><small>{a.email}</small></th>
                        <td><StatusBadge status={a.status} label={t(`status.${a.status}`)} /></td>
                        <td>
                          <input class="short" aria-label={t("affiliates.groupOf", { name: a.name })} value={a.affiliateGroup ?? ""} placeholder="—"
                            onChange={(e) => update(a.id, { affiliateGroup: e.currentTarget.value.trim() || null })} />
                        </td>
                        <td>{date(a.createdAt)}</td>
                        <td>
                          <Show when={a.status !== "active"}><button type="button" class="small" onClick={() => update(a.id, { status: "active" })}>{t("action.approve")}</button></Show>
                          <Show when={a.status !== "suspended"}><button type="button" class="small secondary" onClick={() => update(a.id, { status: "suspended" })}>{t("action.suspend")}</button></Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
          )}
        </PagedView>
      </section>
    </>
  );
}
