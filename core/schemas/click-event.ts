/**
 * The click event as it travels from the redirect Worker through the Queue to the consumer.
 * Versioned: a consumer that sees a version it does not know parks the event in failed_events
 * instead of guessing, and it can be replayed once the consumer is upgraded.
 */
import { z } from "zod";
import { isId } from "../ids";

const idOf = (kind: Parameters<typeof isId>[0]) =>
  z.string().refine((v) => isId(kind, v), `expected a ${kind} id`);

export const subIdsSchema = z
  .record(z.string().regex(/^sub[1-5]$/, "sub-id keys are sub1..sub5"), z.string().max(200))
  .default({});
export type SubIds = z.infer<typeof subIdsSchema>;

export const clickEventSchema = z.object({
  type: z.literal("click"),
  v: z.literal(1),
  id: idOf("click"),
  /** Epoch milliseconds; always equal to the time encoded in `id`. */
  ts: z.number().int().nonnegative(),
  tenantId: idOf("tenant"),
  linkId: idOf("link"),
  campaignId: idOf("campaign"),
  affiliateId: idOf("affiliate"),
  visitorId: idOf("visitor"),
  subIds: subIdsSchema,
  /** Keyed hash of the truncated IP (see core/ip.ts); the raw address never enters the queue. */
  ipHash: z.string().max(64).nullable(),
  country: z.string().length(2).nullable(),
  userAgent: z.string().max(512).nullable(),
  referrerHost: z.string().max(255).nullable(),
  /** Paid-search click ids present on the affiliate link's request (brand-bidding evidence). */
  adClickIds: z.record(z.string(), z.string().max(200)).default({}),
  /** The visitor's object saw the same link inside the campaign's dedup window. */
  isDuplicate: z.boolean().default(false),
  /** The edge's fraud assessment (core/fraud.ts); absent from events made before it existed. */
  fraud: z.object({ score: z.number().int().min(0).max(100), reasons: z.array(z.string().max(64)).max(20), flagged: z.boolean() }).default({ score: 0, reasons: [], flagged: false }),
});

export type ClickEvent = z.infer<typeof clickEventSchema>;

/** Clicks the redirect gathered in one isolate, sent as one queue message (a queue's limits count messages). */
export const clickBatchEnvelopeSchema = z.object({ type: z.literal("click_batch"), v: z.literal(1), clicks: z.array(z.unknown()).min(1).max(100) });
