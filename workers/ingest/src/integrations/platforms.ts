/** One receiver per platform; see docs/integrations/ for how each is set up on the platform's side. */
import { mapNuvemshopOrder, NUVEMSHOP_EVENTS, nuvemshopNotificationSchema } from "../../../../core/integrations/nuvemshop";
import { ignored, unmappable } from "../../../../core/integrations/mapped-order";
import type { Platform } from "../../../../core/integrations/platforms";
import { mapShopify } from "../../../../core/integrations/shopify";
import { verifyBase64Hmac, verifyHexHmac, verifyStripe } from "../../../../core/integrations/signatures";
import { mapStripe } from "../../../../core/integrations/stripe";
import { mapWooCommerce } from "../../../../core/integrations/woocommerce";
import type { PlatformReceiver } from "./receiver";

const field = (json: unknown, key: string) => (json && typeof json === "object" && key in json ? String((json as Record<string, unknown>)[key]) : undefined);

const shopify: PlatformReceiver = {
  platform: "shopify",
  verify: (secret, d) => verifyBase64Hmac(secret, d.headers("x-shopify-hmac-sha256"), d.raw),
  describe: (d) => ({ deliveryId: d.headers("x-shopify-webhook-id") ?? d.headers("x-shopify-event-id"), topic: d.headers("x-shopify-topic") ?? "unknown" }),
  map: async (d, topic) => mapShopify(topic, d.json),
};

const woocommerce: PlatformReceiver = {
  platform: "woocommerce",
  verify: (secret, d) => verifyBase64Hmac(secret, d.headers("x-wc-webhook-signature"), d.raw),
  describe: (d) => ({ deliveryId: d.headers("x-wc-webhook-delivery-id"), topic: d.headers("x-wc-webhook-topic") ?? "unknown" }),
  map: async (d, topic) => mapWooCommerce(topic, d.json),
};

const nuvemshop: PlatformReceiver = {
  platform: "nuvemshop",
  verify: (secret, d) => verifyHexHmac(secret, d.headers("x-linkedstore-hmac-sha256") ?? d.headers("http_x_linkedstore_hmac_sha256"), d.raw),
  // Nuvemshop sends no delivery id: an event about an order is that order's event, once.
  describe: (d) => ({ deliveryId: field(d.json, "event") && field(d.json, "id") ? `${field(d.json, "event")}:${field(d.json, "id")}` : undefined, topic: field(d.json, "event") ?? "unknown" }),
  async map(d, topic, ctx) {
    if (!(topic in NUVEMSHOP_EVENTS)) return ignored(`event ${topic} is not imported; subscribe order/paid and order/cancelled`);
    const note = nuvemshopNotificationSchema.safeParse(d.json);
    if (!note.success) return unmappable("the notification lacks store_id, event or id");
    const store = String(note.data.store_id);
    if (ctx.connection.externalAccount && ctx.connection.externalAccount !== store) return unmappable(`store ${store} is not the connection's store ${ctx.connection.externalAccount}`);
    if (!ctx.accessToken) return unmappable("the connection has no Nuvemshop access token to read the order with");
    const order = await ctx.fetchOrder(`${ctx.nuvemshopApiBase}/${store}/orders/${String(note.data.id)}`, ctx.accessToken);
    return mapNuvemshopOrder(topic as keyof typeof NUVEMSHOP_EVENTS, order);
  },
};

const stripe: PlatformReceiver = {
  platform: "stripe",
  verify: (secret, d, now) => verifyStripe(secret, d.headers("stripe-signature"), d.raw, now),
  describe: (d) => ({ deliveryId: field(d.json, "id"), topic: field(d.json, "type") ?? "unknown" }),
  map: (d, _topic, ctx) => mapStripe(d.json && typeof d.json === "object" ? (d.json as Record<string, unknown>) : {}, ctx.renewalOf),
};

export const RECEIVERS: Record<Platform, PlatformReceiver> = { shopify, woocommerce, nuvemshop, stripe };
