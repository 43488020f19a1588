export * from "./tenants";
export * from "./access";
export * from "./program";
export * from "./events";
export * from "./tracking";
export * from "./commissions";
export * from "./webhooks";
export * from "./reports";
