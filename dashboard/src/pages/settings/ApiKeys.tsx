/** API keys for the merchant's servers: made with chosen scopes and shown once, rotated, revoked. */
import { createResource, createSignal, For, Show } from "solid-js";
import type { components } from "../../../../sdk";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { Async, noItems } from "../../ui/Async";
import { ShownOnce } from "../../ui/CopyButton";
import { TextField } from "../../ui/Field";
import { TableWrap } from "../../ui/Table";

type Scope = NonNullable<components["schemas"]["CreateApiKey"]["scopes"]>[number];
/** What a shop's server usually needs: read the program, make links, send orders. */
const COMMON_SCOPES: Scope[] = ["campaigns:read", "affiliates:read", "links:read", "links:write", "conversions:read", "conversions:write", "commissions:read", "reports:read"];

export function ApiKeys() {
  const { client } = useApi();
  const { t, date } = useI18n();
  const [keys, { refetch }] = createResource(() => must(client.GET("/v1/api-keys", { params: { query: { limit: 200 } } })));
  const [shown, setShown] = createSignal<string>();
  const [error, setError] = createSignal("");

  const run = async (work: () => Promise<{ key: string }>) => {
    setError("");
    setShown();
    try {
      setShown((await work()).key);
      refetch();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const create = (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const f = new FormData(el);
    const scopes = f.getAll("scope").map(String) as Scope[];
    void run(() => must(client.POST("/v1/api-keys", { body: { name: String(f.get("name")), scopes } }))).then(() => el.reset());
  };
  const revoke = async (id: string) => {
    setError("");
    await must(client.DELETE("/v1/api-keys/{id}", { params: { path: { id } } })).catch((err) => setError(messageOf(err)));
    refetch();
  };

  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">{t("settings.apiKeys")}</h2>
      <form class="card" onSubmit={create}>
        <TextField label={t("field.name")} name="name" required placeholder={t("settings.keyNameExample")} />
        <fieldset>
          <legend>{t("settings.scopes")}</legend>
          <div class="checks">
            <For each={COMMON_SCOPES}>{(s) => <label class="check"><input type="checkbox" name="scope" value={s} checked />{s}</label>}</For>
          </div>
        </fieldset>
        <button type="submit">{t("settings.createKey")}</button>
      </form>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={shown()}>
        {(key) => <ShownOnce id="new-key" note={t("settings.keyOnce")} label={t("settings.newKey")} text={key()} />}
      </Show>
      <Async data={keys} retry={refetch} isEmpty={noItems} empty={t("settings.noKeys")}>
        {(page) => (
          <TableWrap label={t("settings.apiKeys")}>
            <table>
              <thead><tr><th scope="col">{t("field.name")}</th><th scope="col">{t("settings.prefix")}</th><th scope="col">{t("settings.lastUsed")}</th><th scope="col">{t("col.actions")}</th></tr></thead>
              <tbody>
                <For each={page.items}>
                  {(k) => (
                    <tr>
                      <th scope="row">{k.name}<br /><small>{k.scopes.length > 0 ? k.scopes.join(", ") : t("settings.allScopes")}</small></th>
                      <td><code>{k.prefix}…</code></td>
                      <td>{k.lastUsedAt ? date(k.lastUsedAt) : "—"}</td>
                      <td>
                        <button type="button" class="small secondary" onClick={() => run(() => must(client.POST("/v1/api-keys/{id}/rotate", { params: { path: { id: k.id } }, body: { graceSeconds: 3600 } })))}>{t("settings.rotate")}</button>
                        <button type="button" class="small danger" onClick={() => revoke(k.id)}>{t("settings.revoke")}</button>
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
