/**
 * What each platform's receiver knows: how its deliveries are signed, how they name themselves (delivery id,
 * topic) and how a verified body becomes orders and refunds (core/integrations/).
 */
import type { MappedWebhook } from "../../../../core/integrations/mapped-order";
import type { Platform } from "../../../../core/integrations/platforms";
import type { SignatureCheck } from "../../../../core/request-signature";
import type { ConnectionRow } from "../../../../db/queries/integration-connections";

export interface Delivery {
  headers: (name: string) => string | undefined;
  raw: string;
  /** The parsed body; null when it is not JSON. */
  json: unknown;
}

export interface ReceiverContext {
  connection: ConnectionRow;
  /** The connection's Nuvemshop API token, opened. */
  accessToken: string | null;
  renewalOf: (subscriptionId: string, paidAt: number) => Promise<number>;
  fetchOrder: (url: string, token: string) => Promise<unknown>;
  nuvemshopApiBase: string;
}

export interface PlatformReceiver {
  platform: Platform;
  verify(secret: string, d: Delivery, nowSeconds: number): Promise<SignatureCheck>;
  /** The platform's id of this delivery (what a replay repeats) and its topic. */
  describe(d: Delivery): { deliveryId: string | undefined; topic: string };
  map(d: Delivery, topic: string, ctx: ReceiverContext): Promise<MappedWebhook>;
}
