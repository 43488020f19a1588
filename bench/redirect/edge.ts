/**
 * The split topology's edge workerd: the redirect Worker and the bare 302 alone in a workerd of their own,
 * as on Cloudflare, where a redirect's isolate does not share its thread with the Queue, the consumer or
 * the Durable Objects. The redirect's bindings reach those in the backend workerd (the normal stack)
 * through Miniflare's dev registry: its guard and buffer objects are the backend's `indica-redirect`
 * objects, and its EVENTS binding is the backend's queue relay, a Worker whose `sendBatch` is the real
 * Queue producer's. The redirect's own code is unchanged.
 */
import { Miniflare, type WorkerOptions } from "miniflare";
import { stackWorkerOptions, type StackOptions } from "../../scripts/lib/stack";

export const EDGE_REDIRECT = "indica-redirect-edge";
export const QUEUE_RELAY = "indica-queue-relay";

/** The backend's relay: a service whose RPC methods are those of a Queue producer binding. */
export const QUEUE_RELAY_WORKER: WorkerOptions = {
  name: QUEUE_RELAY,
  modules: true,
  compatibilityDate: "2026-04-01",
  queueProducers: { EVENTS: { queueName: "indica-events" } },
  script: `import { WorkerEntrypoint } from "cloudflare:workers";
export default class QueueRelay extends WorkerEntrypoint {
  send(body, options) { return this.env.EVENTS.send(body, options); }
  sendBatch(messages, options) { return this.env.EVENTS.sendBatch(messages, options); }
}`,
};

const BACKEND_OBJECTS = { EVENT_BUFFER: "EventBuffer", VISITOR_GUARD: "VisitorGuard", IP_GUARD: "IpGuard", RATE_LIMITER: "RateLimiter" };

export interface EdgeOptions {
  stack: Pick<StackOptions, "bundles" | "databaseUrl" | "wsProxy" | "bindings">;
  devRegistryPath: string;
  bare: WorkerOptions;
  stateDir?: string;
  /** DevTools inspector for the edge's Workers (bench/redirect/profile.ts). */
  inspectorPort?: number;
}

export async function startEdge(o: EdgeOptions): Promise<Miniflare> {
  const redirect = stackWorkerOptions(o.stack).find((w) => w.name === "indica-redirect");
  if (!redirect) throw new Error("no indica-redirect in the stack's Workers");
  const durableObjects = Object.fromEntries(
    Object.entries(BACKEND_OBJECTS).map(([binding, className]) => [binding, { className, scriptName: "indica-redirect", useSQLite: true }]),
  );
  const edgeRedirect = {
    ...redirect,
    name: EDGE_REDIRECT,
    routes: [],
    durableObjects,
    queueProducers: {},
    serviceBindings: { INGEST: "indica-ingest", EVENTS: QUEUE_RELAY },
    unsafeDirectSockets: [{ host: "127.0.0.1", port: 0 }],
  } as WorkerOptions;
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    cf: false,
    unsafeDevRegistryPath: o.devRegistryPath,
    ...(o.stateDir ? { defaultPersistRoot: o.stateDir } : {}),
    ...(o.inspectorPort !== undefined ? { inspectorPort: o.inspectorPort } : {}),
    workers: [edgeRedirect, o.bare],
  });
  await mf.ready;
  return mf;
}
