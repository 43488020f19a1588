/**
 * An invited affiliate (or teammate) chooses a password. The token travels in the URL fragment
 * (`#token=…`), which browsers never send to servers or in Referer headers; `?token=` works too.
 */
import { useLocation, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { useApi } from "../api/context";
import { ApiError, messageOf } from "../api/errors";
import { useI18n } from "../i18n/i18n";
import { TextField } from "../ui/Field";
import { AuthFrame } from "./AuthFrame";

export function inviteTokenOf(hash: string, search: string): string {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") ?? new URLSearchParams(search).get("token") ?? "";
}

export function AcceptInvite() {
  const { session } = useApi();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const token = inviteTokenOf(location.hash, location.search);
  const [error, setError] = createSignal("");
  const [passwordError, setPasswordError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError("");
    setPasswordError(undefined);
    try {
      const user = await session.acceptInvite(token, String(form.get("password")), String(form.get("name") ?? "") || undefined);
      navigate(user.role === "affiliate" ? "/portal" : "/overview", { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.fieldError("password")) setPasswordError(err.fieldError("password"));
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t("invite.title")}>
      <Show when={token} fallback={<p class="notice error" role="alert">{t("invite.noToken")}</p>}>
        <p>{t("invite.intro")}</p>
        <form onSubmit={submit}>
          <TextField label={t("field.name")} name="name" autocomplete="name" />
          <TextField label={t("field.newPassword")} name="password" type="password" autocomplete="new-password" minLength={10} required hint={t("invite.passwordHint")} error={passwordError()} />
          <Show when={error()}>
            <p class="notice error" role="alert">
              {error()}
            </p>
          </Show>
          <button type="submit" disabled={busy()}>
            {busy() ? t("state.working") : t("invite.submit")}
          </button>
        </form>
      </Show>
    </AuthFrame>
  );
}
