import { createRedirectApp } from "./app";

export { EventBuffer } from "../../../durable-objects";
export default createRedirectApp();
