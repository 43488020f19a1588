/**
 * Labels of the report's refund columns, per locale (the catalogs' two). Beside the report instead of in
 * i18n/en.ts and pt-BR.ts only because those catalogs were being changed by other work at the same time;
 * they belong there (keys `report.refunded`, `report.netRevenue`).
 */
import type { Locale } from "../i18n/i18n";

const LABELS: Record<Locale, { refunded: string; netRevenue: string; revenue: string }> = {
  en: { revenue: "Gross revenue", refunded: "Refunded", netRevenue: "Net revenue" },
  "pt-BR": { revenue: "Receita bruta", refunded: "Reembolsado", netRevenue: "Receita líquida" },
};

export const moneyLabel = (locale: Locale, figure: "revenue" | "refunded" | "netRevenue") => LABELS[locale][figure];
