import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startWsBridge } from "./ws-bridge";

describe("the WebSocket bridge to Postgres", () => {
  it("rejects its start when the port is taken, rather than throw from an unhandled error event", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      await expect(startWsBridge("postgres://postgres@127.0.0.1:5432/indica", taken)).rejects.toThrow(`EADDRINUSE`);
    } finally {
      holder.close();
    }
    const bridge = await startWsBridge("postgres://postgres@127.0.0.1:5432/indica", 0);
    expect(bridge.address).toMatch(/^127\.0\.0\.1:\d+$/);
    await bridge.close();
  });
});
