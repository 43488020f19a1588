/**
 * Instants callers send (an order's time, a rate's start, a key's expiry, a range's bound). ISO 8601 alone
 * admits years Postgres cannot store or that turn into something else: `0000-01-01T00:00:00Z` (year 0 is
 * no year in Postgres) and `9999-12-31T23:59:59-05:00` (year 10000, which JavaScript writes as
 * `+010000-...`). Accepted, such a value made the ingest answer 202 and then park the event, or the API
 * answer an unexplained 422; so the range is checked where the value arrives, with a pointer to it.
 */
import { z } from "zod";

export const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
export const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const RANGE_MESSAGE = "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

/** Whether an instant (ms since the epoch) lies in the range every store of ours can hold. */
export const isInstantInRange = (ms: number): boolean => Number.isFinite(ms) && ms >= EARLIEST_INSTANT && ms <= LATEST_INSTANT;

/** An ISO 8601 instant with an offset (`2026-11-23T10:00:00Z`, `...-03:00`), from 1970 to the end of 9999 UTC. */
export const instantSchema = z.iso
  .datetime({ offset: true })
  // A value that is no ISO instant at all is already reported by the format check above.
  .refine((v) => Number.isNaN(Date.parse(v)) || isInstantInRange(Date.parse(v)), RANGE_MESSAGE);

/** How far ahead of now an order's or refund's time may be by default: shop clocks drift, not by a day. */
export const DEFAULT_EVENT_LEAD_HOURS = 24;
export const eventLeadMessage = (hours: number) => `must not be more than ${hours} hours ahead of now: send when it happened, with its UTC offset`;

/**
 * Whether an event's time lies more than `leadMs` ahead of `now`. One dated years ahead (`2099-01-01`) is a
 * bug in the sender: accepted, it was listed as the affiliate's order with no commission and no reason, and
 * reports put it in 2099. Checked where the event arrives, against that moment (not in the shared schema,
 * which the queue consumer parses again later), with the limit the deployment sets: simulations that play
 * weeks of orders ahead of real clicks raise it.
 */
export const isTooFarAhead = (iso: string | undefined, now: number, leadMs: number): boolean => iso !== undefined && Date.parse(iso) > now + leadMs;
