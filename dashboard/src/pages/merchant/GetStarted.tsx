/**
 * The overview's first-run guide: the four steps from a new account to a tracked sale, shown only while
 * the merchant has no campaign at all (any status). While that is unknown (loading, or the list failed)
 * nothing shows: a guide flashing in and out, or an error for a hint, would be noise on the main page.
 */
import { A } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { useApi } from "../../api/context";
import { must } from "../../api/errors";
import type { MessageKey } from "../../i18n/en";
import { useI18n } from "../../i18n/i18n";

const STEPS: [href: string, label: MessageKey][] = [
  ["/campaigns/new", "start.campaign"],
  ["/affiliates", "start.invite"],
  ["/links", "start.link"],
  ["/settings", "start.snippet"],
];

export function GetStarted() {
  const { client } = useApi();
  const { t } = useI18n();
  const [campaigns] = createResource(() => must(client.GET("/v1/campaigns", { params: { query: { limit: 1 } } })).catch(() => null));
  const firstRun = () => campaigns.state === "ready" && campaigns()?.items.length === 0;
  return (
    <Show when={firstRun()}>
      <section class="card get-started" aria-labelledby="get-started-title">
        <h2 id="get-started-title">{t("start.title")}</h2>
        <p>{t("start.intro")}</p>
        <ol>
          <For each={STEPS}>{([href, label]) => <li><A href={href}>{t(label)}</A></li>}</For>
        </ol>
      </section>
    </Show>
  );
}
