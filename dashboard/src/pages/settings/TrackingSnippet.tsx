/** The snippet for the shop's pages, with the merchant's site id filled in (docs/tracking.md). */
import { useI18n } from "../../i18n/i18n";
import { CopyButton } from "../../ui/CopyButton";

export function snippetFor(siteId: string, clickParam = "indica_cid"): string {
  const param = clickParam === "indica_cid" ? "" : ` data-param="${clickParam}"`;
  return [
    `<script>window.indica=window.indica||function(){(window.indica.q=window.indica.q||[]).push(arguments)}</script>`,
    `<script async src="/_indica/s.js" data-site="${siteId}"${param}></script>`,
  ].join("\n");
}

export function TrackingSnippet(props: { siteId: string; clickParam: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="snippet-title">
      <h2 id="snippet-title">{t("settings.snippet")}</h2>
      <p>{t("settings.snippetIntro")}</p>
      <pre class="code" tabindex="0" aria-label={t("settings.snippet")}><code>{snippetFor(props.siteId, props.clickParam)}</code></pre>
      <CopyButton text={snippetFor(props.siteId, props.clickParam)} label={t("settings.copySnippet")} />
    </section>
  );
}
