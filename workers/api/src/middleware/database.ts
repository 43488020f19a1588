import type { MiddlewareHandler } from "hono";
import { createDatabase, type Database } from "../../../../db/client";
import type { ApiHonoEnv } from "../env";

export type AfterCommitTask = (db: Database) => Promise<unknown>;

/**
 * One pool (one connection) per request. Work registered with `afterCommit` runs once the route and its
 * tenant transaction are done, on that same connection, off the response path; the pool is closed only
 * after it, so nothing queued on a closed pool hangs. Tasks see what the request committed.
 */
export function database(): MiddlewareHandler<ApiHonoEnv> {
  return async (c, next) => {
    const handle = createDatabase(c.env);
    const tasks: { what: string; run: AfterCommitTask }[] = [];
    c.set("database", handle);
    c.set("afterCommit", (what, run) => void tasks.push({ what, run }));
    try {
      await next();
    } finally {
      const requestId = c.get("requestId");
      const drain = async () => {
        for (const task of tasks) {
          await task.run(handle.db).catch((error: unknown) => {
            // Not fatal to the request that is already answered, but worth knowing (a stale cache entry).
            console.error(JSON.stringify({ level: "error", worker: "api", requestId, message: `${task.what} failed: ${String(error)}` }));
          });
        }
        await handle.close();
      };
      c.executionCtx.waitUntil(drain());
    }
  };
}
