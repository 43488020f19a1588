/**
 * CSV exports, for merchants who pay from their bank: a generic file (any method) and a PIX-key file in the
 * columns bank portals take for bulk PIX (chave, tipo, valor, identificador). Amounts as decimals, RFC 4180.
 */
import type { Currency } from "../money";
import type { PayoutDetails } from "./details";
import { minorToDecimal } from "./provider";

export interface CsvRow {
  itemId: string;
  affiliateId: string;
  affiliateName: string;
  amount: number;
  currency: Currency;
  details: PayoutDetails | null;
}

const cell = (v: string) => (/[",\r\n;]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : v);
const line = (cells: string[]) => cells.map(cell).join(",");

function destination(d: PayoutDetails | null): [string, string] {
  if (!d) return ["", ""];
  if (d.kind === "pix") return [`pix:${d.keyType}`, d.key];
  if (d.kind === "paypal") return ["paypal", d.email];
  if (d.kind === "stripe_connect") return ["stripe_connect", d.accountId];
  return ["bank", `${d.bankCode} ${d.branch} ${d.account} ${d.holderName} ${d.holderDocument}`];
}

export function genericCsv(rows: CsvRow[]): string {
  const head = line(["item_id", "affiliate_id", "affiliate_name", "currency", "amount", "method", "destination"]);
  return [head, ...rows.map((r) => line([r.itemId, r.affiliateId, r.affiliateName, r.currency, minorToDecimal(r.amount, r.currency), ...destination(r.details)]))].join("\r\n") + "\r\n";
}

/** Only rows with a PIX key; BRL only. */
export function pixCsv(rows: CsvRow[]): string {
  const head = line(["chave_pix", "tipo_chave", "valor", "nome_favorecido", "identificador"]);
  const body = rows.flatMap((r) => (r.details?.kind === "pix" && r.currency === "BRL" ? [line([r.details.key, r.details.keyType.toUpperCase(), minorToDecimal(r.amount, "BRL"), r.details.holderName ?? r.affiliateName, r.itemId])] : []));
  return [head, ...body].join("\r\n") + "\r\n";
}
