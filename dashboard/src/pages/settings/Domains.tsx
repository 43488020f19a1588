/** The merchant's hostnames: add one, prove control with the verification file, remove it. */
import { createResource, createSignal, For, Show } from "solid-js";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { Async, noItems } from "../../ui/Async";
import { CopyField } from "../../ui/CopyButton";
import { TextField } from "../../ui/Field";
import { TableWrap } from "../../ui/Table";

export function Domains() {
  const { client } = useApi();
  const { t, date } = useI18n();
  const [domains, { refetch }] = createResource(() => must(client.GET("/v1/domains", { params: { query: { limit: 200 } } })));
  const [error, setError] = createSignal("");
  const [notice, setNotice] = createSignal("");

  const run = async (work: () => Promise<unknown>, done = "") => {
    setError("");
    setNotice("");
    try {
      await work();
      setNotice(done);
      refetch();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const add = (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const f = new FormData(el);
    const body = { hostname: String(f.get("hostname")).trim(), isLinkDomain: f.get("isLinkDomain") === "on" };
    void run(() => must(client.POST("/v1/domains", { body })).then(() => el.reset()));
  };

  return (
    <section aria-labelledby="domains-title">
      <h2 id="domains-title">{t("settings.domains")}</h2>
      <form class="card" onSubmit={add}>
        <TextField label={t("settings.hostname")} name="hostname" required placeholder="go.loja.com.br" />
        <label class="check"><input type="checkbox" name="isLinkDomain" checked />{t("settings.linkDomain")}</label>
        <button type="submit">{t("settings.addDomain")}</button>
      </form>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={notice()}><p class="notice ok" role="status">{notice()}</p></Show>
      <Async data={domains} retry={refetch} isEmpty={noItems} empty={t("settings.noDomains")}>
        {(page) => (
          <TableWrap label={t("settings.domains")}>
            <table>
              <thead><tr><th scope="col">{t("settings.hostname")}</th><th scope="col">{t("col.status")}</th><th scope="col">{t("col.actions")}</th></tr></thead>
              <tbody>
                <For each={page.items}>
                  {(d) => (
                    <tr>
                      <th scope="row">{d.hostname}</th>
                      <td>
                        <Show when={d.verifiedAt} fallback={
                          <>
                            <p>{t("settings.notVerified")}. {t("settings.verifyHow", { url: d.verification.url })}</p>
                            <CopyField id={`token-${d.id}`} label={t("settings.verifyToken")} text={d.verification.token} />
                          </>
                        }>
                          {(at) => <>{t("settings.verified")} {date(at())}</>}
                        </Show>
                      </td>
                      <td>
                        <Show when={!d.verifiedAt}>
                          <button type="button" class="small" onClick={() => run(() => must(client.POST("/v1/domains/{id}/verify", { params: { path: { id: d.id } } })), t("settings.domainVerified"))}>{t("settings.verify")}</button>
                        </Show>
                        <button type="button" class="small danger" onClick={() => run(() => must(client.DELETE("/v1/domains/{id}", { params: { path: { id: d.id } } })))}>{t("settings.remove")}</button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </Async>
    </section>
  );
}
