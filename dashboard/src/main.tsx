import { render } from "solid-js/web";
import { ApiProvider, createApi } from "./api/context";
import { App } from "./App";
import { createI18n, I18nProvider, preferredLocale } from "./i18n/i18n";
import "./styles.css";

const api = createApi(window.location.origin);
const i18n = createI18n(preferredLocale());
const root = document.getElementById("root")!;

// Resume a session kept in this tab before routing, so a reload does not flash the sign-in page.
api.session.restore().finally(() =>
  render(
    () => (
      <I18nProvider i18n={i18n}>
        <ApiProvider api={api}>
          <App />
        </ApiProvider>
      </I18nProvider>
    ),
    root,
  ),
);
