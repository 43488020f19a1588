/**
 * Labels of the report's revenue columns for a locale. The wording lives in the catalogs (so the key figures
 * and charts, which use `t`, say the same); this keeps the table's plain-locale call working.
 */
import { en } from "../i18n/en";
import type { Locale } from "../i18n/i18n";
import { ptBR } from "../i18n/pt-BR";

const KEYS = { revenue: "report.grossRevenue", refunded: "report.refunded", netRevenue: "report.netRevenue" } as const;

export const moneyLabel = (locale: Locale, figure: keyof typeof KEYS) => (locale === "en" ? en : ptBR)[KEYS[figure]];
