/**
 * Which affiliates have a payout method on file: one row per affiliate with the hints of its methods (all
 * loaded at once by the page, see methods-by-affiliate.ts), and a button to set one for people who may
 * write payouts.
 */
import { For } from "solid-js";
import type { Affiliate } from "../api/lookups";
import { useI18n } from "../i18n/i18n";
import { StatusBadge, TableWrap } from "../ui/Table";
import { MethodHints } from "./MethodHints";
import type { PayoutMethod } from "./types";

export function AffiliateMethodsTable(props: { items: Affiliate[]; methodsOf: (affiliateId: string) => PayoutMethod[]; onSet?: (a: Affiliate) => void }) {
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
                <td><MethodHints methods={props.methodsOf(a.id)} none={t("methods.missing")} /></td>
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
