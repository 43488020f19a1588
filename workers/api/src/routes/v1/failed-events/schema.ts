/** Request and answer of POST /v1/failed-events/replay. */
import { z } from "@hono/zod-openapi";
import { REPLAY_SKIP_REASONS } from "../../../../../../db/queries/failed-event-replay";
import { idOf } from "../../../lib/fields";
import { strictBody } from "../../../lib/strict-body";

export const replayBody = strictBody({
  ids: z
    .array(idOf("failedEvent", "fev"))
    .max(1000)
    .optional()
    .openapi({ description: "Replay these (at most 1000); left out: the oldest pending ones, up to `limit`; an empty list replays nothing", example: ["fev_01JD8Z6Q3W4E5R6T7Y8V9X0P1A"] }),
  limit: z.number().int().min(1).max(1000).default(1000).openapi({ description: "At most this many are replayed, oldest first" }),
}).openapi("FailedEventReplay");

export const replayResultSchema = z
  .object({
    replayed: z.number().int().openapi({ description: "How many were sent back through the pipeline" }),
    ids: z.array(z.string()).openapi({ description: "The failed events replayed; each is processed again, and parked again (a new failed event) if it still cannot be applied" }),
    skipped: z
      .array(z.object({ id: z.string(), reason: z.enum(REPLAY_SKIP_REASONS) }))
      .openapi({
        description:
          "Requested ids not replayed: `not_found` (no such failed event in your account), `already_replayed`, `not_replayable` (kept as a record: a refused platform webhook, which the platform must deliver again, or a note on an order: sources `order-resend` and `refunds-before-order`), `retry_later` (another replay holds it right now, or beyond `limit`)",
      }),
  })
  .openapi("FailedEventReplayResult");
