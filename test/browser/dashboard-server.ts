/**
 * The dashboard as `npm start` serves it (Vite dev server, dashboard/vite.config.ts), with /v1 proxied to a
 * test stack's edge under the API's host name, which routes it to the API Worker like production.
 */
import { join } from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { ROOT } from "../../scripts/lib/stack";
import { freePort } from "../helpers/ports";

export interface DashboardServer {
  url: string;
  close(): Promise<void>;
}

export async function startDashboard(edgePort: number): Promise<DashboardServer> {
  const port = await freePort();
  const api = { target: `http://127.0.0.1:${edgePort}`, headers: { host: `api.localhost:${edgePort}` } };
  const vite: ViteDevServer = await createServer({
    configFile: join(ROOT, "dashboard", "vite.config.ts"),
    server: { port, strictPort: true, host: "127.0.0.1", proxy: { "/v1": api, "/openapi.json": api } },
    logLevel: "warn",
  });
  await vite.listen();
  return { url: `http://127.0.0.1:${port}`, close: () => vite.close() };
}
