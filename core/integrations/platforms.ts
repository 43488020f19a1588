/** The store and billing platforms whose webhooks the ingest Worker imports (docs/integrations/). */
export const PLATFORMS = ["shopify", "woocommerce", "nuvemshop", "stripe"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const isPlatform = (value: unknown): value is Platform => typeof value === "string" && (PLATFORMS as readonly string[]).includes(value);
