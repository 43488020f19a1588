/** What an erasure removed, as the API counts it: rows per table (orders and clicks are kept, see privacy.md). */
import { For } from "solid-js";
import { useI18n } from "../i18n/i18n";
import { TableWrap } from "../ui/Table";

export function ErasedTable(props: { rows: [table: string, count: number][] }) {
  const { t } = useI18n();
  return (
    <TableWrap label={t("privacy.erased")}>
      <table>
        <caption>{t("privacy.erased")}</caption>
        <thead><tr><th scope="col">{t("privacy.table")}</th><th scope="col">{t("privacy.rows")}</th></tr></thead>
        <tbody>
          <For each={props.rows} fallback={<tr><td colspan="2">{t("privacy.nothingErased")}</td></tr>}>
            {([table, n]) => <tr><th scope="row">{table}</th><td>{n}</td></tr>}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
