/**
 * How a batch crosses the RPC boundary to the guard objects. The clicks go as one JSON text of rows rather
 * than an object per click, whose property names the structured-clone serializer writes for every object
 * (and, locally, Miniflare's cross-process proxy reads and writes once more); the answers come back as typed
 * arrays, which are copied as raw bytes. Both sides use these functions, so the format has one definition.
 */
import type { IpVelocity, VisitorClick, VisitorVerdict } from "./guard-judgement";

type VisitorClickRow = [visitor: string, linkId: string, affiliateId: string, at: number, dedupWindowMs: number];
type NetworkHitRow = [network: string, at: number];

export interface NetworkHit {
  network: string;
  at: number;
}

/** One flag and one count per click, in the order of the clicks sent. */
export interface PackedVisitorVerdicts {
  duplicate: Uint8Array;
  affiliateClicksLastHour: Uint32Array;
}

export const packVisitorClicks = (clicks: readonly VisitorClick[]): string =>
  JSON.stringify(clicks.map((c): VisitorClickRow => [c.visitor, c.linkId, c.affiliateId, c.at, c.dedupWindowMs]));

export const unpackVisitorClicks = (rows: string): VisitorClick[] =>
  (JSON.parse(rows) as VisitorClickRow[]).map(([visitor, linkId, affiliateId, at, dedupWindowMs]) => ({ visitor, linkId, affiliateId, at, dedupWindowMs }));

export function packVisitorVerdicts(verdicts: readonly VisitorVerdict[]): PackedVisitorVerdicts {
  return {
    duplicate: Uint8Array.from(verdicts, (v) => (v.duplicate ? 1 : 0)),
    affiliateClicksLastHour: Uint32Array.from(verdicts, (v) => v.affiliateClicksLastHour),
  };
}

export const unpackVisitorVerdicts = (p: PackedVisitorVerdicts): VisitorVerdict[] =>
  Array.from(p.duplicate, (d, i) => ({ duplicate: d === 1, affiliateClicksLastHour: p.affiliateClicksLastHour[i] }));

export const packNetworkHits = (hits: readonly NetworkHit[]): string => JSON.stringify(hits.map((h): NetworkHitRow => [h.network, h.at]));

export const unpackNetworkHits = (rows: string): NetworkHit[] => (JSON.parse(rows) as NetworkHitRow[]).map(([network, at]) => ({ network, at }));

/** Pairs of (last minute, last hour), one pair per hit. */
export function packVelocities(velocities: readonly IpVelocity[]): Uint32Array {
  const out = new Uint32Array(velocities.length * 2);
  velocities.forEach((v, i) => {
    out[2 * i] = v.lastMinute;
    out[2 * i + 1] = v.lastHour;
  });
  return out;
}

export const unpackVelocities = (packed: Uint32Array): IpVelocity[] =>
  Array.from({ length: packed.length / 2 }, (_, i) => ({ lastMinute: packed[2 * i], lastHour: packed[2 * i + 1] }));
