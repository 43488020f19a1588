/**
 * The payout providers this Worker is configured for (secrets; docs/payouts.md). Null when a provider's
 * credentials are not set: batches for it cannot be sent.
 */
import { paypalProvider } from "../../../../core/payouts/paypal";
import { pixEfiProvider } from "../../../../core/payouts/pix-efi";
import type { PayoutProvider } from "../../../../core/payouts/provider";
import { stripeConnectProvider } from "../../../../core/payouts/stripe-connect";
import type { ApiEnv } from "../env";

export function payoutProvider(env: ApiEnv, name: string): PayoutProvider | null {
  if (name === "stripe_connect" && env.STRIPE_SECRET_KEY) return stripeConnectProvider({ baseUrl: env.STRIPE_API_BASE || "https://api.stripe.com", secretKey: env.STRIPE_SECRET_KEY });
  if (name === "pix" && env.PIX_EFI_ACCESS_TOKEN && env.PIX_EFI_PAYER_KEY) return pixEfiProvider({ baseUrl: env.PIX_EFI_API_BASE || "https://pix.api.efipay.com.br", accessToken: env.PIX_EFI_ACCESS_TOKEN, payerKey: env.PIX_EFI_PAYER_KEY });
  if (name === "paypal" && env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET) return paypalProvider({ baseUrl: env.PAYPAL_API_BASE || "https://api-m.paypal.com", clientId: env.PAYPAL_CLIENT_ID, clientSecret: env.PAYPAL_CLIENT_SECRET });
  return null;
}
