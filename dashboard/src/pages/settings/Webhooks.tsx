/** Webhook endpoints: subscribe a URL to events (its signing secret is shown once), test, remove. */
import { createResource, createSignal, For, Show } from "solid-js";
import type { components } from "../../../../sdk";
import { useApi } from "../../api/context";
import { messageOf, must, mustSucceed } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { Async, noItems } from "../../ui/Async";
import { ShownOnce } from "../../ui/CopyButton";
import { TextField } from "../../ui/Field";
import { StatusBadge, TableWrap } from "../../ui/Table";

type EventType = NonNullable<components["schemas"]["CreateWebhook"]["eventTypes"]>[number];
const EVENTS: EventType[] = ["conversion.created", "conversion.status_changed", "commission.created", "commission.updated", "commission.approved", "commission.rejected", "commission.reversed", "refund.created"];

export function Webhooks() {
  const { client } = useApi();
  const { t } = useI18n();
  const [hooks, { refetch }] = createResource(() => must(client.GET("/v1/webhooks", { params: { query: { limit: 100 } } })));
  const [secret, setSecret] = createSignal<string>();
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();

  const attempt = async (work: () => Promise<unknown>, ok?: string) => {
    setMessage();
    try {
      await work();
      if (ok) setMessage({ ok: true, text: ok });
      refetch();
    } catch (err) {
      setMessage({ ok: false, text: messageOf(err) });
    }
  };
  const create = (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const f = new FormData(el);
    setSecret();
    void attempt(async () => {
      const made = await must(client.POST("/v1/webhooks", { body: { url: String(f.get("url")), eventTypes: f.getAll("event").map(String) as EventType[] } }));
      setSecret(made.secret);
      el.reset();
    });
  };

  return (
    <section aria-labelledby="hooks-title">
      <h2 id="hooks-title">{t("settings.webhooks")}</h2>
      <form class="card" onSubmit={create}>
        <TextField label={t("settings.webhookUrl")} name="url" type="url" required placeholder="https://loja.example/indica/webhook" />
        <fieldset>
          <legend>{t("settings.events")}</legend>
          <div class="checks">
            <For each={EVENTS}>{(ev) => <label class="check"><input type="checkbox" name="event" value={ev} checked />{ev}</label>}</For>
          </div>
        </fieldset>
        <button type="submit">{t("settings.addWebhook")}</button>
      </form>
      <Show when={message()}>{(m) => <p class={`notice ${m().ok ? "ok" : "error"}`} role={m().ok ? "status" : "alert"}>{m().text}</p>}</Show>
      <Show when={secret()}>
        {(s) => <ShownOnce id="new-secret" note={t("settings.secretOnce")} label={t("settings.signingSecret")} text={s()} />}
      </Show>
      <Async data={hooks} retry={refetch} isEmpty={noItems} empty={t("settings.noWebhooks")}>
        {(page) => (
          <TableWrap label={t("settings.webhooks")}>
            <table>
              <thead><tr><th scope="col">URL</th><th scope="col">{t("settings.events")}</th><th scope="col">{t("col.status")}</th><th scope="col">{t("col.actions")}</th></tr></thead>
              <tbody>
                <For each={page.items}>
                  {(h) => (
                    <tr>
                      <th scope="row"><code>{h.url}</code></th>
                      <td><small>{h.eventTypes.join(", ") || t("settings.allEvents")}</small></td>
                      <td><StatusBadge status={h.status} label={t(`status.${h.status}`)} /></td>
                      <td>
                        <button type="button" class="small secondary" onClick={() => attempt(() => must(client.POST("/v1/webhooks/{id}/test", { params: { path: { id: h.id } } })), t("settings.testSent"))}>{t("settings.test")}</button>
                        <button type="button" class="small danger" onClick={() => attempt(() => mustSucceed(client.DELETE("/v1/webhooks/{id}", { params: { path: { id: h.id } } })))}>{t("action.delete")}</button>
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
