/** The merchant's coupon codes: who owns which (attribution without a click), added and switched off here. */
import { createSignal } from "solid-js";
import { useI18n } from "../i18n/i18n";
import { CouponForm } from "./CouponForm";
import { CouponList } from "./CouponList";

export function Coupons() {
  const { t } = useI18n();
  // Bumped after a coupon is added, so the list refetches.
  const [version, setVersion] = createSignal(0);
  return (
    <section class="card" aria-labelledby="coupons-title">
      <h2 id="coupons-title">{t("coupons.title")}</h2>
      <p>{t("coupons.intro")}</p>
      <CouponForm onCreated={() => setVersion(version() + 1)} />
      <CouponList version={version()} />
    </section>
  );
}
