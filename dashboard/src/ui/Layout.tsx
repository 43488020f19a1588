/**
 * The frame of every signed-in page: a skip link, the navigation for the person's kind (merchant team or
 * affiliate), the language switch and sign-out. At phone width the navigation folds behind a menu button.
 * After each navigation focus moves to the main region so keyboard and screen-reader users start there.
 */
import { A, useLocation, useNavigate } from "@solidjs/router";
import { createEffect, createSignal, For, on, type ParentProps } from "solid-js";
import { ROLE_PERMISSIONS, type Permission } from "../../../core/auth/access";
import { useApi } from "../api/context";
import type { MessageKey } from "../i18n/en";
import { useI18n, type Locale } from "../i18n/i18n";

// An entry with a permission is shown only to roles that have it (the same table the API checks).
type NavItem = [href: string, label: MessageKey, needs?: Permission];
const MERCHANT_NAV: NavItem[] = [
  ["/overview", "nav.overview"],
  ["/reports", "nav.reports", "reports:read"],
  ["/campaigns", "nav.campaigns"],
  ["/affiliates", "nav.affiliates"],
  ["/links", "nav.links"],
  ["/coupons", "nav.coupons"],
  ["/conversions", "nav.conversions"],
  ["/failed-events", "nav.failedEvents", "conversions:read"],
  ["/commissions", "nav.commissions"],
  ["/fraud", "nav.fraud"],
  ["/payouts", "nav.payouts"],
  ["/payout-batches", "nav.payoutBatches", "payouts:write"],
  ["/payout-methods", "nav.payoutMethods", "payouts:read"],
  ["/privacy", "nav.privacy", "privacy:read"],
  ["/settings", "nav.settings"],
];
const AFFILIATE_NAV: NavItem[] = [
  ["/portal", "nav.portal"],
  ["/portal/links", "nav.myLinks"],
  ["/portal/earnings", "nav.earnings"],
  ["/portal/payout-method", "nav.myPayoutMethod"],
];

export function Layout(props: ParentProps) {
  const { session } = useApi();
  const { t, locale, setLocale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = createSignal(false);
  let main!: HTMLElement;
  const nav = () => {
    const role = session.user()?.role;
    return (role === "affiliate" ? AFFILIATE_NAV : MERCHANT_NAV).filter(([, , needs]) => !needs || (role && ROLE_PERMISSIONS[role].has(needs)));
  };

  createEffect(
    on(
      () => location.pathname,
      () => {
        setMenuOpen(false);
        main?.focus({ preventScroll: true });
      },
      { defer: true },
    ),
  );

  const signOut = async () => {
    await session.signOut();
    navigate("/sign-in", { replace: true });
  };

  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t("nav.skip")}
      </a>
      <header class="topbar">
        <span class="brand">Indica</span>
        <button type="button" class="menu-button secondary" aria-expanded={menuOpen()} aria-controls="site-nav" onClick={() => setMenuOpen(!menuOpen())}>
          {t("nav.menu")}
        </button>
        <div class="topbar-tools">
          <label class="sr-only" for="locale">
            {t("nav.language")}
          </label>
          <select id="locale" value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
            <option value="pt-BR">Português (Brasil)</option>
            <option value="en">English</option>
          </select>
          <button type="button" class="secondary" onClick={signOut}>
            {t("nav.signOut")}
          </button>
        </div>
      </header>
      <nav id="site-nav" class="sidenav" classList={{ open: menuOpen() }} aria-label={t("nav.label")}>
        <ul>
          <For each={nav()}>
            {([href, key]) => (
              <li>
                <A href={href} end activeClass="active">
                  {t(key)}
                </A>
              </li>
            )}
          </For>
        </ul>
        <p class="who">{session.user()?.email}</p>
      </nav>
      <main id="main" ref={main} tabindex="-1">
        {props.children}
      </main>
    </div>
  );
}
