/**
 * Plays a plan through the real Workers: each actor's clicks at their times on the redirect (keeping the
 * visitor cookie where a browser would), live orders seconds after their click, then — once every tracked
 * click is stored — the orders that happen minutes to days later, with that `occurredAt`.
 */
import type pg from "pg";
import { timestampOfId } from "../../core/ids";
import type { Actor, OrderStep, Plan } from "./plan";
import { Limiter } from "../limiter";

export type SimWorker = "indica-redirect" | "indica-ingest";

/** What the simulation needs of a running stack; test/helpers/stack.ts's TestStack is one. */
export interface SimTarget {
  db: pg.Pool;
  /** Sends a request straight to one Worker (no redirects followed). */
  fetch(worker: SimWorker, url: string, init?: RequestInit): Promise<Response>;
}

export interface Program {
  tenantId: string;
  affiliateId: string;
  code: string;
  linkDomain: string;
  apiKey: string;
  affiliateEmail: string;
}

export interface Played {
  startedAt: number;
  /** By click key: the click id the redirect gave, or null when it answered without tracking. */
  clicks: Map<string, string | null>;
  /** By order key: the order id sent. */
  orders: Map<string, string>;
}

const INGEST = "https://ingest.sim.test";
const IN_FLIGHT = 16;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export async function playPlan(target: SimTarget, program: Program, plan: Plan, log: (s: string) => void = () => {}): Promise<Played> {
  const played: Played = { startedAt: Date.now(), clicks: new Map(), orders: new Map() };
  const limiter = new Limiter(IN_FLIGHT);
  const later: OrderStep[] = [];
  await Promise.all(plan.actors.map((a) => playActor(target, program, plan, a, played, limiter, later)));
  const tracked = [...played.clicks.values()].filter((id): id is string => id !== null);
  log(`${played.clicks.size} clicks sent (${tracked.length} tracked) in ${((Date.now() - played.startedAt) / 1000).toFixed(1)} s; waiting for them in Postgres`);
  await waitForRows(target.db, "SELECT count(*)::int AS n FROM clicks WHERE tenant_id = $1 AND id = ANY($2)", program.tenantId, tracked, "clicks");

  const bodies = later.map((o) => orderBody(program, plan, o, played, played.startedAt));
  for (let i = 0; i < bodies.length; i += 100) {
    const res = await target.fetch("indica-ingest", `${INGEST}/v1/conversions/batch`, post(program.apiKey, { conversions: bodies.slice(i, i + 100) }));
    if (res.status !== 202) throw new Error(`conversion batch: ${res.status} ${await res.text()}`);
  }
  log(`${played.orders.size} orders sent; waiting for them in Postgres`);
  await waitForRows(target.db, "SELECT count(*)::int AS n FROM conversions WHERE tenant_id = $1 AND order_id = ANY($2)", program.tenantId, [...played.orders.values()], "orders");
  return played;
}

async function playActor(target: SimTarget, program: Program, plan: Plan, actor: Actor, played: Played, limiter: Limiter, later: OrderStep[]): Promise<void> {
  let cookie: string | null = null;
  for (const step of actor.steps) {
    if (step.type === "order") {
      if (step.when === "later") {
        later.push(step);
        continue;
      }
      await sleep(step.delayMs);
      const body = orderBody(program, plan, step, played, Date.now());
      const res = await limiter.run(() => target.fetch("indica-ingest", `${INGEST}/v1/conversions`, post(program.apiKey, body)));
      if (res.status !== 202) throw new Error(`conversion ${step.key}: ${res.status} ${await res.text()}`);
      continue;
    }
    await sleep(played.startedAt + step.at - Date.now());
    const headers = { ...step.headers, "cf-connecting-ip": step.origin.ip, ...(step.keepsCookies && cookie ? { cookie } : {}) };
    // `cf` is what the edge attaches to the request (network, country); Miniflare passes it through.
    const init = { headers, cf: step.origin.cf } as RequestInit;
    const res = await limiter.run(() => target.fetch("indica-redirect", `https://${program.linkDomain}/${program.code}${step.query}`, init));
    const location = res.headers.get("location");
    if (res.status !== 302 || !location) throw new Error(`click ${step.key}: expected a redirect, got ${res.status}`);
    played.clicks.set(step.key, new URL(location).searchParams.get("indica_cid"));
    const vid = /(?:^|[\s,;])indica_vid=([^;,\s]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
    if (step.keepsCookies && vid) cookie = `indica_vid=${vid}`;
  }
}

/** The order as the merchant's server reports it; `base` is when a click-less order's delay counts from. */
function orderBody(program: Program, plan: Plan, o: OrderStep, played: Played, base: number) {
  const orderId = `sim-${plan.seed}-${o.key}`;
  played.orders.set(o.key, orderId);
  const clickId = o.clickKey ? played.clicks.get(o.clickKey) ?? null : null;
  const occurredAt = o.when === "live" ? base : (clickId ? timestampOfId(clickId)! : base) + o.delayMs;
  const email = typeof o.email === "string" ? o.email : { exact: program.affiliateEmail, upper: program.affiliateEmail.toUpperCase(), padded: ` ${program.affiliateEmail} ` }[o.email.self];
  return {
    orderId,
    amount: o.amount,
    currency: "BRL",
    ...(clickId ? { clickId } : {}),
    ...(o.coupon ? { coupon: o.coupon } : {}),
    customer: { email },
    occurredAt: new Date(occurredAt).toISOString(),
  };
}

const post = (apiKey: string, body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
  body: JSON.stringify(body),
});

async function waitForRows(db: pg.Pool, query: string, tenantId: string, ids: string[], what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(query, [tenantId, ids]);
    if (rows[0].n >= ids.length) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0].n} of ${ids.length} ${what} reached Postgres in ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}
