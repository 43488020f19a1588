export { EventBuffer, type EventBufferEnv } from "./event-buffer";
export { IpGuard, type IpVelocity } from "./ip-guard";
export { VisitorGuard, type VisitorClick, type VisitorVerdict } from "./visitor-guard";
export { RateLimiter, type RateLimitOutcome } from "./rate-limiter";
