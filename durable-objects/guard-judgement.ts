/**
 * The guard objects' verdicts for a whole batch, computed in memory from what one query per batch read,
 * so a batch costs a constant number of SQLite statements instead of three per click. Pure functions:
 * the objects (visitor-guard.ts, ip-guard.ts) only read and write; the unit tests check these give what
 * judging click by click against every stored row gives.
 */
export const HOUR_MS = 3_600_000;
export const BUCKET_MS = 10_000;
const MINUTE_BUCKETS = 60_000 / BUCKET_MS;
const HOUR_BUCKETS = HOUR_MS / BUCKET_MS;

export interface VisitorClick {
  visitor: string;
  linkId: string;
  affiliateId: string;
  at: number;
  dedupWindowMs: number;
}

export interface VisitorVerdict {
  duplicate: boolean;
  /** This visitor's clicks for the same affiliate in the last hour, this one included. */
  affiliateClicksLastHour: number;
}

/** Stored clicks of one (visitor, link, affiliate) since the batch's earliest lower bound. */
export interface VisitorHistory {
  visitor: string;
  linkId: string;
  affiliateId: string;
  lastAt: number;
  /** Clicks after `bounds.hourFrom`. */
  hourClicks: number;
  /** Times of the clicks in (hourFrom, hourTo]: an hour before some clicks of the batch but not others. */
  edgeAts: number[];
}

/** What the history query must cover for this batch. */
export function visitorBounds(clicks: VisitorClick[]): { from: number; hourFrom: number; hourTo: number } {
  let minAt = Infinity;
  let maxAt = -Infinity;
  let window = HOUR_MS;
  for (const c of clicks) {
    minAt = Math.min(minAt, c.at);
    maxAt = Math.max(maxAt, c.at);
    window = Math.max(window, c.dedupWindowMs);
  }
  return { from: minAt - window, hourFrom: minAt - HOUR_MS, hourTo: maxAt - HOUR_MS };
}

const pair = (a: string, b: string) => `${a}\n${b}`;

/** Judges the clicks in order, each seeing the stored history and the batch's earlier clicks. */
export function judgeVisitorClicks(clicks: VisitorClick[], history: VisitorHistory[]): VisitorVerdict[] {
  const lastAt = new Map<string, number>();
  const stored = new Map<string, { hourClicks: number; edgeAts: number[] }>();
  for (const h of history) {
    const link = pair(h.visitor, h.linkId);
    lastAt.set(link, Math.max(lastAt.get(link) ?? -Infinity, h.lastAt));
    const aff = pair(h.visitor, h.affiliateId);
    const seen = stored.get(aff) ?? { hourClicks: 0, edgeAts: [] };
    stored.set(aff, { hourClicks: seen.hourClicks + h.hourClicks, edgeAts: seen.edgeAts.concat(h.edgeAts) });
  }
  const batchAts = new Map<string, number[]>();
  return clicks.map((c) => {
    const link = pair(c.visitor, c.linkId);
    const duplicate = (lastAt.get(link) ?? -Infinity) > c.at - c.dedupWindowMs;
    lastAt.set(link, Math.max(lastAt.get(link) ?? -Infinity, c.at));
    const aff = pair(c.visitor, c.affiliateId);
    const since = c.at - HOUR_MS;
    const s = stored.get(aff);
    const fromStore = s ? s.hourClicks - s.edgeAts.filter((at) => at <= since).length : 0;
    const earlier = batchAts.get(aff) ?? [];
    earlier.push(c.at);
    batchAts.set(aff, earlier);
    return { duplicate, affiliateClicksLastHour: fromStore + earlier.filter((at) => at > since).length };
  });
}

export interface IpVelocity {
  lastMinute: number;
  lastHour: number;
}

export interface NetworkBucket {
  network: string;
  bucket: number;
  n: number;
}

/** Buckets older than this cannot count for any hit of the batch. */
export function networkBucketsFrom(hits: { at: number }[]): number {
  return Math.min(...hits.map((h) => Math.floor(h.at / BUCKET_MS))) - HOUR_BUCKETS;
}

/** Counts the hits in order (each sees the stored buckets and the batch's earlier hits) and the increments to store. */
export function countNetworkHits(hits: { network: string; at: number }[], stored: NetworkBucket[]): { velocities: IpVelocity[]; increments: NetworkBucket[] } {
  const buckets = new Map<string, Map<number, number>>();
  for (const b of stored) {
    const m = buckets.get(b.network) ?? new Map<number, number>();
    m.set(b.bucket, (m.get(b.bucket) ?? 0) + b.n);
    buckets.set(b.network, m);
  }
  const added = new Map<string, NetworkBucket>();
  const velocities = hits.map((h) => {
    const bucket = Math.floor(h.at / BUCKET_MS);
    const m = buckets.get(h.network) ?? new Map<number, number>();
    buckets.set(h.network, m);
    m.set(bucket, (m.get(bucket) ?? 0) + 1);
    const key = pair(h.network, String(bucket));
    const inc = added.get(key) ?? { network: h.network, bucket, n: 0 };
    inc.n++;
    added.set(key, inc);
    let lastMinute = 0;
    let lastHour = 0;
    for (const [b, n] of m) {
      if (b > bucket - MINUTE_BUCKETS) lastMinute += n;
      if (b > bucket - HOUR_BUCKETS) lastHour += n;
    }
    return { lastMinute, lastHour };
  });
  return { velocities, increments: [...added.values()] };
}
