export { EventBuffer, type EventBufferEnv } from "./event-buffer";
