import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { useApi } from "../api/context";
import { ApiError, messageOf } from "../api/errors";
import { landingPath } from "../api/landing";
import { useI18n } from "../i18n/i18n";
import { Field, TextField } from "../ui/Field";
import { AuthFrame } from "./AuthFrame";

export function SignIn() {
  const { session } = useApi();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  // An affiliate of two shops (or anyone with accounts at several merchants) must say which one: the API
  // asks for the merchant's slug, so the field appears only then. The API lists the merchants this password
  // opens, so the field is a choice among them; a free text field only if an answer lacks the list.
  const [askTenant, setAskTenant] = createSignal(false);
  const [choices, setChoices] = createSignal<{ slug: string; name: string }[]>([]);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError("");
    try {
      const tenant = String(form.get("tenant") ?? "").trim();
      const user = await session.signIn(String(form.get("email")), String(form.get("password")), tenant || undefined);
      navigate(landingPath(user, params.next), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.fieldError("tenant")) {
        setChoices(err.problem.tenants ?? []);
        setAskTenant(true);
        setError(t("signIn.whichMerchant"));
      } else setError(err instanceof ApiError && err.status === 401 ? t("signIn.wrong") : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t("signIn.title")}>
      <form onSubmit={submit} aria-describedby={error() ? "signin-error" : undefined}>
        <TextField label={t("field.email")} name="email" type="email" autocomplete="username" required />
        <TextField label={t("field.password")} name="password" type="password" autocomplete="current-password" required />
        <Show when={askTenant()}>
          <Show when={choices().length > 0} fallback={<TextField label={t("signIn.merchant")} name="tenant" hint={t("signIn.merchantHint")} required />}>
            <Field label={t("signIn.merchant")}>
              {(id) => (
                <select id={id} name="tenant" required>
                  <For each={choices()}>{(m) => <option value={m.slug}>{`${m.name} (${m.slug})`}</option>}</For>
                </select>
              )}
            </Field>
          </Show>
        </Show>
        <Show when={error()}>
          <p id="signin-error" class="notice error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" disabled={busy()}>
          {busy() ? t("state.working") : t("signIn.submit")}
        </button>
      </form>
      <p class="auth-switch">
        {t("signIn.new")} <A href="/signup">{t("signIn.createAccount")}</A>
      </p>
    </AuthFrame>
  );
}
