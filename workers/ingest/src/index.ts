import { createIngestApp } from "./app";
import { EVENTS_DLQ, type IngestEnv } from "./env";
import { consumeDeadLetters } from "./queue/consume-dead-letters";
import { consumeEvents } from "./queue/consume-events";
import { runScheduled } from "./scheduled";

const app = createIngestApp();

export default {
  fetch: app.fetch,
  async queue(batch, env, ctx) {
    if (batch.queue === EVENTS_DLQ) return consumeDeadLetters(batch, env, ctx);
    return consumeEvents(batch, env, ctx);
  },
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(controller.cron, env, ctx));
  },
} satisfies ExportedHandler<IngestEnv>;
