/** The centred card that sign-in and accept-invite share, with the language switch (no layout yet). */
import type { ParentProps } from "solid-js";
import { useI18n, type Locale } from "../i18n/i18n";

export function AuthFrame(props: ParentProps<{ title: string }>) {
  const { t, locale, setLocale } = useI18n();
  return (
    <main id="main" class="auth">
      <div class="card auth-card">
        <p class="brand">Indica</p>
        <h1>{props.title}</h1>
        {props.children}
        <label class="sr-only" for="auth-locale">
          {t("nav.language")}
        </label>
        <select id="auth-locale" class="auth-locale" value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
          <option value="pt-BR">Português (Brasil)</option>
          <option value="en">English</option>
        </select>
      </div>
    </main>
  );
}
