/**
 * A payout provider pays one affiliate one amount. Every call carries the item's idempotency key, the same
 * on every retry, so a retry after a failure or a lost answer can never pay twice: the provider answers
 * with the payment it already made.
 */
import { CURRENCY_EXPONENTS, type Currency } from "../money";
import type { PayoutDetails } from "./details";

export interface PayoutInstruction {
  itemId: string;
  idempotencyKey: string;
  affiliateId: string;
  amount: number;
  currency: Currency;
  details: PayoutDetails;
  description: string;
}

export type PayoutResult =
  /** Paid now (Stripe transfers), or accepted and paid later (PIX, PayPal): the provider's webhook settles it. */
  | { status: "paid" | "processing"; reference: string }
  | { status: "failed"; error: string; retryable: boolean };

export interface PayoutProvider {
  name: string;
  /** The method kind this provider pays to. */
  kind: PayoutDetails["kind"];
  pay(i: PayoutInstruction): Promise<PayoutResult>;
}

/** 12345 BRL → "123.45": providers take decimal strings; exact, no float. */
export function minorToDecimal(amount: number, currency: Currency): string {
  const exponent = CURRENCY_EXPONENTS[currency];
  if (exponent === 0) return String(amount);
  const text = String(Math.abs(amount)).padStart(exponent + 1, "0");
  return `${amount < 0 ? "-" : ""}${text.slice(0, -exponent)}.${text.slice(-exponent)}`;
}

/** A provider's answer as a result: 2xx is taken by `ok`, 4xx is final, 5xx and network errors may be retried. */
export async function providerCall(request: () => Promise<Response>, ok: (body: Record<string, unknown>) => PayoutResult): Promise<PayoutResult> {
  let res: Response;
  try {
    res = await request();
  } catch (error) {
    return { status: "failed", error: `network: ${(error as Error).message}`, retryable: true };
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { raw: text.slice(0, 200) };
  }
  if (res.ok) return ok(body);
  return { status: "failed", error: `HTTP ${res.status}: ${JSON.stringify(body).slice(0, 500)}`, retryable: res.status >= 500 || res.status === 429 || res.status === 409 };
}
