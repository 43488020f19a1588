import { Coupons as CouponSection } from "../../coupons/Coupons";
import { useI18n } from "../../i18n/i18n";

// Its own page rather than a section of Links: both forms pick a campaign and an affiliate, and one page
// with two "Campaign" fields would be ambiguous to screen readers.
export default function Coupons() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("nav.coupons")}</h1>
      <CouponSection />
    </>
  );
}
