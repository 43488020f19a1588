/**
 * Signing secrets for servers that sign their requests (`Indica-Key-Id` + `Indica-Signature`) instead of
 * sending an API key: made (the secret shown once, with the key id to send beside it) and revoked.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { Async, noItems } from "../../ui/Async";
import { CopyField, ShownOnce } from "../../ui/CopyButton";
import { TableWrap } from "../../ui/Table";

export function SigningSecrets() {
  const { client } = useApi();
  const { t, date } = useI18n();
  const [secrets, { refetch }] = createResource(() => must(client.GET("/v1/signing-secrets", { params: { query: { limit: 200 } } })));
  const [shown, setShown] = createSignal<{ id: string; secret: string }>();
  const [error, setError] = createSignal("");

  const create = async () => {
    setError("");
    setShown();
    try {
      setShown(await must(client.POST("/v1/signing-secrets", { body: { scopes: ["conversions:write"] } })));
      refetch();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const revoke = async (id: string) => {
    setError("");
    await must(client.DELETE("/v1/signing-secrets/{id}", { params: { path: { id } } })).catch((err) => setError(messageOf(err)));
    refetch();
  };

  return (
    <section aria-labelledby="signing-title">
      <h2 id="signing-title">{t("settings.signingSecrets")}</h2>
      <p>{t("settings.signingIntro")}</p>
      <button type="button" onClick={create}>{t("settings.createSigningSecret")}</button>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={shown()}>
        {(s) => (
          <>
            <ShownOnce id="new-signing-secret" note={t("settings.secretOnce")} label={t("settings.signingSecret")} text={s().secret} />
            <CopyField id="new-signing-key-id" label={t("settings.keyId")} text={s().id} />
          </>
        )}
      </Show>
      <Async data={secrets} retry={refetch} isEmpty={noItems} empty={t("settings.noSigningSecrets")}>
        {(page) => (
          <TableWrap label={t("settings.signingSecrets")}>
            <table>
              <thead><tr><th scope="col">{t("settings.keyId")}</th><th scope="col">{t("settings.scopes")}</th><th scope="col">{t("col.created")}</th><th scope="col">{t("col.actions")}</th></tr></thead>
              <tbody>
                <For each={page.items}>
                  {(s) => (
                    <tr>
                      <th scope="row"><code>{s.id}</code></th>
                      <td>{s.scopes.length > 0 ? s.scopes.join(", ") : t("settings.allScopes")}</td>
                      <td>{date(s.createdAt)}</td>
                      <td><button type="button" class="small danger" aria-label={`${t("settings.revoke")} ${s.id}`} onClick={() => revoke(s.id)}>{t("settings.revoke")}</button></td>
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
