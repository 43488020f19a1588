/**
 * A fake provider (Nuvemshop's API, PIX, Stripe, PayPal) on a free loopback port: node:http answering with
 * what `handle` decides, recording every request so tests can check what was sent and how often.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import { freePort } from "./ports";

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  /** Sent as is (CSV, form bodies); `body` is sent as JSON otherwise. */
  text?: string;
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  handle: (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;
  close(): Promise<void>;
}

export async function startFakeServer(handle: FakeServer["handle"]): Promise<FakeServer> {
  const port = await freePort();
  const fake: FakeServer = { url: `http://127.0.0.1:${port}`, requests: [], handle, close: async () => {} };
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (body += d));
    req.on("end", async () => {
      const request = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body };
      fake.requests.push(request);
      const answer = await fake.handle(request);
      const text = answer.text ?? (answer.body === undefined ? "" : JSON.stringify(answer.body));
      res.writeHead(answer.status, { "content-type": answer.text ? "text/plain" : "application/json" }).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  fake.close = () => new Promise((r) => server.close(() => r()));
  return fake;
}
