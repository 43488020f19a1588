/**
 * Which affiliates have a payout method on file: one row per affiliate with the hints of its methods,
 * fetched row by row (a few at a time), and a button to set one for people who may write payouts.
 */
import { createResource, For } from "solid-js";
import type { Affiliate } from "../api/lookups";
import { useApi } from "../api/context";
import { must } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { Async } from "../ui/Async";
import { StatusBadge, TableWrap } from "../ui/Table";
import { createLimiter } from "./limit";
import { MethodHints } from "./MethodHints";

const limited = createLimiter(4);

function MethodsCell(props: { affiliateId: string; version: number }) {
  const { client } = useApi();
  const { t } = useI18n();
  const [methods, { refetch }] = createResource(
    () => [props.affiliateId, props.version] as const,
    ([id]) => limited(() => must(client.GET("/v1/affiliates/{id}/payout-methods", { params: { path: { id } } }))),
  );
  return <Async data={methods} retry={refetch}>{(m) => <MethodHints methods={m.items} none={t("methods.missing")} />}</Async>;
}

export function AffiliateMethodsTable(props: { items: Affiliate[]; version: (id: string) => number; onSet?: (a: Affiliate) => void }) {
  const { t } = useI18n();
  return (
    <TableWrap label={t("methods.onFile")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("col.affiliate")}</th><th scope="col">{t("col.status")}</th><th scope="col">{t("methods.onFile")}</th>
            {props.onSet && <th scope="col">{t("col.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(a) => (
              <tr>
                <th scope="row">{a.name}<br /><small>{a.email}</small></th>
                <td><StatusBadge status={a.status} label={t(`status.${a.status}`)} /></td>
                <td><MethodsCell affiliateId={a.id} version={props.version(a.id)} /></td>
                {props.onSet && (
                  <td>
                    <button type="button" class="secondary" aria-label={t("methods.setFor", { name: a.name })} onClick={() => props.onSet?.(a)}>
                      {t("methods.set")}
                    </button>
                  </td>
                )}
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
