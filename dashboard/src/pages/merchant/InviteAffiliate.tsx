/**
 * Adds an affiliate and, with an invite, shows the link to send them exactly once: the API returns the
 * token only in this answer. The token goes in the URL fragment so it never reaches a server log.
 */
import { createSignal, Show } from "solid-js";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { ShownOnce } from "../../ui/CopyButton";
import { TextField } from "../../ui/Field";

export function inviteUrl(origin: string, token: string): string {
  return `${origin}/accept-invite#token=${encodeURIComponent(token)}`;
}

export function InviteAffiliate(props: { onCreated: () => void }) {
  const { client } = useApi();
  const { t } = useI18n();
  const [invite, setInvite] = createSignal<{ name: string; url: string }>();
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const f = new FormData(el);
    setBusy(true);
    setError("");
    setInvite();
    try {
      const group = String(f.get("group") ?? "").trim();
      const created = await must(client.POST("/v1/affiliates", {
        body: { name: String(f.get("name")), email: String(f.get("email")), invite: true, status: f.get("pending") ? "pending" : "active", ...(group ? { affiliateGroup: group } : {}) },
      }));
      if (created.invite) setInvite({ name: created.name, url: inviteUrl(location.origin, created.invite.token) });
      el.reset();
      props.onCreated();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("affiliates.invite")}</h2>
      <form onSubmit={submit} class="grid3">
        <TextField label={t("field.name")} name="name" required />
        <TextField label={t("field.email")} name="email" type="email" required />
        <TextField label={t("affiliates.group")} name="group" hint={t("affiliates.groupHint")} />
        <label class="check"><input type="checkbox" name="pending" />{t("affiliates.startPending")}</label>
        <button type="submit" disabled={busy()}>{busy() ? t("state.working") : t("affiliates.inviteSubmit")}</button>
      </form>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={invite()}>
        {(inv) => <ShownOnce id="invite-url" note={t("affiliates.inviteOnce", { name: inv().name })} label={t("affiliates.inviteLink")} text={inv().url} />}
      </Show>
    </section>
  );
}
