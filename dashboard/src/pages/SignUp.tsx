/** A new merchant's account and its owner, signed in at once (the session's own sign-up), landing on the overview. */
import { A, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { PASSWORD_MIN_LENGTH } from "../../../core/auth/password-rules";
import { useApi } from "../api/context";
import { landingPath } from "../api/landing";
import { useI18n } from "../i18n/i18n";
import { TextField } from "../ui/Field";
import { AuthFrame } from "./AuthFrame";
import { SignUpNotice } from "./SignUpNotice";
import { signUpFailure, type FieldErrors, type SignUpFailure } from "./signup-failure";

export function SignUp() {
  const { session } = useApi();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<SignUpFailure>();
  const fields = (): FieldErrors => {
    const f = failure();
    return f?.kind === "fields" ? f.fields : {};
  };
  // Failures that belong to no field: one line above the button.
  const notice = () => {
    const f = failure();
    return f && f.kind !== "fields" ? f : undefined;
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const password = String(form.get("password") ?? "");
    setFailure();
    // Checked here too so the message is in the reader's language; the API holds the same rule.
    if (password.length < PASSWORD_MIN_LENGTH) {
      setFailure({ kind: "fields", fields: { password: t("signUp.passwordShort", { n: PASSWORD_MIN_LENGTH }) } });
      return;
    }
    setBusy(true);
    try {
      const slug = text("slug");
      const { user } = await session.signUp({ merchantName: text("merchantName"), email: text("email"), password, ...(slug ? { slug } : {}) });
      navigate(landingPath(user), { replace: true });
    } catch (err) {
      setFailure(signUpFailure(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t("signUp.title")}>
      <form onSubmit={submit} aria-describedby={notice() ? "signup-error" : undefined}>
        <TextField label={t("signUp.shopName")} name="merchantName" autocomplete="organization" required error={fields().merchantName} />
        <TextField label={t("field.email")} name="email" type="email" autocomplete="username" required error={fields().email} />
        <TextField label={t("field.password")} name="password" type="password" autocomplete="new-password" required
          hint={t("signUp.passwordHint", { n: PASSWORD_MIN_LENGTH })} error={fields().password} />
        <TextField label={t("signUp.slug")} name="slug" autocapitalize="none" spellcheck={false} hint={t("signUp.slugHint")} error={fields().slug} />
        <Show when={notice()}>{(f) => <SignUpNotice id="signup-error" failure={f()} />}</Show>
        <button type="submit" disabled={busy()}>
          {busy() ? t("state.working") : t("signUp.submit")}
        </button>
      </form>
      <p class="auth-switch">
        {t("signUp.haveAccount")} <A href="/sign-in">{t("signIn.submit")}</A>
      </p>
    </AuthFrame>
  );
}
