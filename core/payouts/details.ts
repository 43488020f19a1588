/**
 * An affiliate's payout details, per kind. Sealed at rest (core/secret-box.ts); only `hintOf` is kept in the clear.
 */
import { z } from "zod";
import { isStorableText } from "../text";

const text = (max: number) => z.string().trim().min(1).max(max).refine(isStorableText, "must not contain control characters");

export const pixDetailsSchema = z.object({
  kind: z.literal("pix"),
  /** The DICT key types: CPF, CNPJ, e-mail, phone (+55...), random key (EVP). */
  keyType: z.enum(["cpf", "cnpj", "email", "phone", "evp"]),
  key: text(77),
  holderName: text(200).optional(),
});

export const paypalDetailsSchema = z.object({ kind: z.literal("paypal"), email: z.email().max(320) });
export const stripeConnectDetailsSchema = z.object({ kind: z.literal("stripe_connect"), accountId: z.string().regex(/^acct_[A-Za-z0-9]{6,40}$/, "expected a Stripe account id (acct_...)") });
export const bankDetailsSchema = z.object({
  kind: z.literal("bank"),
  bankCode: z.string().regex(/^\d{3}$/, "the 3-digit bank code (COMPE)"),
  branch: z.string().regex(/^\d{1,5}(-\w)?$/, "the branch (agência)"),
  account: z.string().regex(/^\d{1,20}-?\w?$/, "the account number with its check digit"),
  holderName: text(200),
  holderDocument: z.string().regex(/^\d{11}$|^\d{14}$/, "the holder's CPF (11 digits) or CNPJ (14 digits)"),
});

export const payoutDetailsSchema = z.discriminatedUnion("kind", [pixDetailsSchema, paypalDetailsSchema, stripeConnectDetailsSchema, bankDetailsSchema]);
export type PayoutDetails = z.infer<typeof payoutDetailsSchema>;
export type PayoutMethodKind = PayoutDetails["kind"];

const mask = (v: string, keep = 3) => (v.length <= keep * 2 ? `${v.slice(0, 1)}***` : `${v.slice(0, keep)}***${v.slice(-keep)}`);

/** Enough to recognise a method in a list, not to use it. */
export function hintOf(d: PayoutDetails): string {
  if (d.kind === "pix") return `pix ${d.keyType} ${mask(d.key)}`;
  if (d.kind === "paypal") return `paypal ${mask(d.email)}`;
  if (d.kind === "stripe_connect") return `stripe ${mask(d.accountId, 5)}`;
  return `bank ${d.bankCode} ${d.branch} ***${d.account.slice(-3)}`;
}
