/** Asks the API to look for the snippet on a page of the shop and says what is missing. */
import { createSignal, For, Show } from "solid-js";
import type { components } from "../../../../sdk";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { TextField } from "../../ui/Field";

type Check = components["schemas"]["InstallCheck"];

export function InstallCheck() {
  const { client } = useApi();
  const { t } = useI18n();
  const [result, setResult] = createSignal<Check>();
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  const check = async (e: SubmitEvent) => {
    e.preventDefault();
    const url = String(new FormData(e.currentTarget as HTMLFormElement).get("url")).trim();
    setError("");
    setResult();
    setBusy(true);
    try {
      setResult(await must(client.POST("/v1/tenant/install-check", { body: { url } })));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const yesNo = (v: boolean) => (v ? t("settings.yes") : t("settings.no"));

  return (
    <form class="card" onSubmit={check} aria-labelledby="install-check-title">
      <h3 id="install-check-title">{t("settings.installCheck")}</h3>
      <TextField label={t("settings.pageUrl")} name="url" type="url" required placeholder="https://www.loja.com.br/" />
      <button type="submit" disabled={busy()}>{busy() ? t("state.working") : t("settings.checkInstall")}</button>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={result()}>
        {(r) => (
          <div class={`notice ${r().found && r().siteIdMatches && r().scriptReachable ? "ok" : "error"}`} role="status">
            <Show when={r().found && r().siteIdMatches && r().scriptReachable}><p>{t("settings.installOk")}</p></Show>
            <ul>
              <li>{t("settings.checkFound")}: {yesNo(r().found)}</li>
              <li>{t("settings.checkSite")}: {yesNo(r().siteIdMatches)}</li>
              <li>{t("settings.checkScript")}: {yesNo(r().scriptReachable)}</li>
              <For each={r().details}>{(d) => <li>{d}</li>}</For>
            </ul>
          </div>
        )}
      </Show>
    </form>
  );
}
