/**
 * A merchant's webhook receiver for the tests: a node:http server on a free loopback port. Each test
 * takes its own path, and chooses what that path answers, so tests sharing one server never mix up.
 */
import { createServer, type Server } from "node:http";
import { newId } from "../../core/ids";
import { freePort } from "./ports";

export interface ReceivedHook {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface WebhookReceiver {
  received: ReceivedHook[];
  /** A fresh URL on this receiver (answering 204 until told otherwise). */
  newUrl(): string;
  /** What the path of `url` answers from now on. */
  answer(url: string, status: number): void;
  hooksFor(url: string): ReceivedHook[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const port = await freePort();
  const received: ReceivedHook[] = [];
  const statuses = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (body += d));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body });
      res.writeHead(statuses.get(path) ?? 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const pathOf = (url: string) => new URL(url).pathname;
  return {
    received,
    newUrl: () => `http://127.0.0.1:${port}/hooks/${newId("event").slice(-10).toLowerCase()}`,
    answer: (url, status) => void statuses.set(pathOf(url), status),
    hooksFor: (url) => received.filter((h) => h.path === pathOf(url)),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
