import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { listenFailure, portIsFree, portProblems, readStartPorts } from "./ports";

const held: Server[] = [];
function hold(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    held.push(server);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
  });
}
async function freed(): Promise<number> {
  const port = await hold();
  await new Promise((resolve) => held.pop()!.close(resolve));
  return port;
}
afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("npm start's ports", () => {
  it("come from the six variables, with the README's defaults", () => {
    const ports = readStartPorts({ INDICA_DB_BRIDGE_PORT: "19730" });
    expect(Object.values(ports).map((c) => [c.variable, c.port])).toEqual([
      ["INDICA_EDGE_PORT", 8787],
      ["INDICA_INGEST_PORT", 8788],
      ["INDICA_API_PORT", 8789],
      ["INDICA_DASHBOARD_PORT", 5173],
      ["INDICA_DB_PORT", 54329],
      ["INDICA_DB_BRIDGE_PORT", 19730],
    ]);
    expect(() => readStartPorts({ INDICA_API_PORT: "api" })).toThrow("INDICA_API_PORT=api is not a port");
    expect(() => readStartPorts({ INDICA_EDGE_PORT: "70000" })).toThrow("INDICA_EDGE_PORT=70000");
  });

  it("are all free, or the message names each taken port's variable and a command that moves it", async () => {
    const taken = await hold();
    const free = await freed();
    expect(await portIsFree(taken)).toBe(false);
    expect(await portIsFree(free)).toBe(true);

    const ports = readStartPorts({ INDICA_DB_BRIDGE_PORT: String(taken), INDICA_EDGE_PORT: String(free) });
    expect(await portProblems([ports.edge])).toBeNull();
    const message = await portProblems([ports.edge, ports.bridge]);
    expect(message).toContain(`port ${taken} (INDICA_DB_BRIDGE_PORT, the WebSocket bridge to the database) is already in use`);
    expect(message).not.toContain("INDICA_EDGE_PORT");
    expect(message).toMatch(/INDICA_DB_BRIDGE_PORT=\d+ npm start/);
  });

  it("are distinct", async () => {
    const free = await freed();
    const ports = readStartPorts({ INDICA_API_PORT: String(free), INDICA_INGEST_PORT: String(free) });
    expect(await portProblems([ports.ingest, ports.api])).toContain(`INDICA_API_PORT and INDICA_INGEST_PORT are both ${free}`);
  });

  it("name their variable when a listener finds its port taken after all", () => {
    const { dashboard } = readStartPorts({});
    expect(listenFailure(dashboard, new Error("Port 5173 is already in use"))).toContain("Choose another with INDICA_DASHBOARD_PORT=<port>");
    const { ingest } = readStartPorts({});
    expect(listenFailure(ingest, new Error("Address already in use (127.0.0.1:8788). Please check that you are not already running a server on this address or specify a different port with --port."))).toBe(
      "port 8788 (INDICA_INGEST_PORT, the ingest Worker) is already in use: Address already in use (127.0.0.1:8788).\nChoose another with INDICA_INGEST_PORT=<port> npm start.",
    );
    expect(listenFailure(dashboard, new Error("EACCES"))).toBe("could not start the dashboard on port 5173 (INDICA_DASHBOARD_PORT): EACCES");
  });
});
