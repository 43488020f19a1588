import { createRedirectApp } from "./app";

export { EventBuffer, IpGuard, RateLimiter, VisitorGuard } from "../../../durable-objects";
export default createRedirectApp();
