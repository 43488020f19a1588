import { createRedirectApp } from "./app";

export { EventBuffer, IpGuard, VisitorGuard } from "../../../durable-objects";
export default createRedirectApp();
