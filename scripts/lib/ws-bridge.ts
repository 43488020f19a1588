/**
 * Dev/test tooling: lets the Neon serverless driver (Postgres over WebSocket) reach an ordinary
 * Postgres over TCP. It forwards only to the one database it was started for: an open bridge to any
 * address would be a proxy into the developer's network.
 */
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { WebSocketServer, createWebSocketStream } from "ws";

export interface Bridge {
  /** `host:port`, the value of the NEON_DEV_WS_PROXY binding. */
  address: string;
  close(): Promise<void>;
}

export async function startWsBridge(databaseUrl: string, port = 0): Promise<Bridge> {
  const target = new URL(databaseUrl);
  const allowed = `${target.hostname}:${target.port || "5432"}`;
  const server: Server = createServer((_req, res) => res.writeHead(426).end("WebSocket only"));
  const wss = new WebSocketServer({ server });
  wss.on("connection", (socket, request) => {
    const address = new URL(request.url ?? "/", "http://bridge").searchParams.get("address");
    if (address !== allowed && !(address && sameDatabase(address, allowed))) {
      socket.close(1008, "address not allowed");
      return;
    }
    const [host, p] = allowed.split(":");
    const tcp = connect(Number(p), host);
    const stream = createWebSocketStream(socket);
    tcp.on("error", () => socket.terminate());
    stream.on("error", () => tcp.destroy());
    stream.pipe(tcp).pipe(stream);
  });
  // The WebSocketServer re-emits the HTTP server's errors; a port already taken must reject this start-up
  // (so `npm start` stops what it started) rather than throw from an event nobody listens to.
  wss.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => {
      wss.close();
      reject(error);
    });
    server.listen(port, "127.0.0.1", resolve);
  });
  const actual = server.address();
  const boundPort = typeof actual === "object" && actual ? actual.port : port;
  return {
    address: `127.0.0.1:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/** `localhost:5432` and `127.0.0.1:5432` name the same database. */
function sameDatabase(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/^localhost:/, "127.0.0.1:");
  return norm(a) === norm(b);
}
