/** The merchant's team: who has access with which role, invitations (link shown once) and disabling. */
import { createSignal, For, Show } from "solid-js";
import type { components } from "../../../../sdk";
import { useApi } from "../../api/context";
import { messageOf, must } from "../../api/errors";
import { useI18n } from "../../i18n/i18n";
import { ShownOnce } from "../../ui/CopyButton";
import { Field, TextField } from "../../ui/Field";
import { createPagedList, PagedView } from "../../ui/paging";
import { TableWrap } from "../../ui/Table";

type Role = components["schemas"]["InviteUser"]["role"];
/** Affiliates are invited from their own page (they need an affiliate id), not from here. */
const TEAM_ROLES: Role[] = ["analyst", "affiliate_manager", "admin", "owner"];

/** Where the invited person chooses a password; the token rides in the fragment, never sent to servers. */
export const inviteLinkFor = (origin: string, token: string) => `${origin}/accept-invite#token=${encodeURIComponent(token)}`;

export function Team() {
  const { client } = useApi();
  const { t, date } = useI18n();
  const users = createPagedList((cursor) => must(client.GET("/v1/users", { params: { query: { limit: 50, cursor } } })));
  const [link, setLink] = createSignal<string>();
  const [error, setError] = createSignal("");

  const invite = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const f = new FormData(el);
    setError("");
    setLink();
    const name = String(f.get("name") ?? "").trim();
    try {
      const invited = await must(client.POST("/v1/users", { body: { email: String(f.get("email")).trim(), role: String(f.get("role")) as Role, ...(name ? { name } : {}) } }));
      setLink(inviteLinkFor(window.location.origin, invited.inviteToken));
      el.reset();
      users.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const setStatus = async (id: string, status: "active" | "disabled") => {
    setError("");
    await must(client.PATCH("/v1/users/{id}", { params: { path: { id } }, body: { status } })).then(users.reload, (err) => setError(messageOf(err)));
  };

  return (
    <section aria-labelledby="team-title">
      <h2 id="team-title">{t("settings.team")}</h2>
      <form class="card" onSubmit={invite}>
        <TextField label={t("field.email")} name="email" type="email" required />
        <TextField label={t("field.name")} name="name" />
        <Field label={t("settings.role")}>
          {(id) => (
            <select id={id} name="role">
              <For each={TEAM_ROLES}>{(r) => <option value={r}>{t(`role.${r}`)}</option>}</For>
            </select>
          )}
        </Field>
        <button type="submit">{t("settings.invite")}</button>
      </form>
      <Show when={error()}><p class="notice error" role="alert">{error()}</p></Show>
      <Show when={link()}>
        {(l) => <ShownOnce id="invite-link" note={t("settings.inviteOnce")} label={t("settings.inviteLink")} text={l()} />}
      </Show>
      <PagedView list={users} empty={t("settings.noUsers")}>
        {(items) => (
          <TableWrap label={t("settings.team")}>
            <table>
              <thead><tr><th scope="col">{t("field.email")}</th><th scope="col">{t("settings.role")}</th><th scope="col">{t("col.status")}</th><th scope="col">{t("col.actions")}</th></tr></thead>
              <tbody>
                <For each={items()}>
                  {(u) => (
                    <tr>
                      <th scope="row">{u.email}<Show when={u.name}><br /><small>{u.name}</small></Show></th>
                      <td>{t(`role.${u.role}`)}</td>
                      {/* A bare date under "Status" read as if it were the status: say active, then when they last signed in. */}
                      <td>{u.invitePending ? t("settings.pending") : u.status === "active" ? (u.lastLoginAt ? t("settings.activeSince", { date: date(u.lastLoginAt) }) : t("status.active")) : t("settings.disabledUser")}</td>
                      <td>
                        <Show when={u.status === "active"} fallback={<button type="button" class="small secondary" onClick={() => setStatus(u.id, "active")}>{t("action.enable")}</button>}>
                          <button type="button" class="small danger" onClick={() => setStatus(u.id, "disabled")}>{t("action.disable")}</button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </PagedView>
    </section>
  );
}
