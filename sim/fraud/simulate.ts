/**
 * One simulation against a running stack: a throwaway merchant (campaign, affiliate, link, API key, and the
 * affiliate's coupon), the seeded traffic played through the Workers, and the score. The CLI (run.ts) and
 * test/fraud-sim.test.ts both call `runFraudSim`.
 */
import type pg from "pg";
import { newId } from "../../core/ids";
import { seedProgram } from "../../scripts/lib/seed-program";
import { planTraffic, type Pattern, type Plan } from "./plan";
import { playPlan, type Program, type SimTarget } from "./play";
import { collectItems, scoreItems, type Score } from "./score";

/** The goals. */
export const GOALS = { precision: 0.95, recall: 0.9 } as const;

export interface SimOptions {
  seed: number;
  /** Number of actors: legitimate shoppers and fraudsters (~17%). */
  size: number;
  /** The link domain the redirect serves links on (its DEFAULT_LINK_DOMAIN). */
  linkDomain: string;
  log?: (line: string) => void;
}

export interface SimResult {
  seed: number;
  size: number;
  actors: Partial<Record<Pattern, number>>;
  items: { clicks: number; orders: number; unscoredClicks: number };
  score: Score;
  goals: typeof GOALS & { met: boolean };
  seconds: { play: number; total: number };
}

export async function runFraudSim(target: SimTarget, o: SimOptions): Promise<SimResult> {
  const t0 = Date.now();
  const log = o.log ?? (() => {});
  const plan = planTraffic(o.seed, o.size);
  const program = await setUpProgram(target.db, o.linkDomain, plan);
  log(`seed ${o.seed}, ${plan.actors.length} actors; playing ${plan.actors.reduce((n, a) => n + a.steps.length, 0)} requests`);
  const tPlay = Date.now();
  const played = await playPlan(target, program, plan, log);
  const play = (Date.now() - tPlay) / 1000;
  const { items, unscoredClicks } = await collectItems(target.db, program, plan, played);
  const score = scoreItems(items, unscoredClicks);
  const actors: Partial<Record<Pattern, number>> = {};
  for (const a of plan.actors) actors[a.label.pattern] = (actors[a.label.pattern] ?? 0) + 1;
  const { precision, recall } = score.overall;
  return {
    seed: o.seed,
    size: plan.actors.length,
    actors,
    items: { clicks: items.filter((i) => i.kind === "click").length, orders: items.filter((i) => i.kind === "order").length, unscoredClicks },
    score,
    goals: { ...GOALS, met: (precision ?? 0) >= GOALS.precision && (recall ?? 0) >= GOALS.recall },
    seconds: { play, total: (Date.now() - t0) / 1000 },
  };
}

async function setUpProgram(db: pg.Pool, linkDomain: string, plan: Plan): Promise<Program> {
  const unique = newId("tenant").slice(-10).toLowerCase();
  const p = await seedProgram(db, { slug: `sim-${unique}`, linkDomain, code: `sim-${unique}` });
  await db.query("INSERT INTO coupons (id, tenant_id, code, affiliate_id, campaign_id) VALUES ($1, $2, $3, $4, $5)", [newId("coupon"), p.tenantId, plan.coupon, p.affiliateId, p.campaignId]);
  const { rows } = await db.query<{ email: string }>("SELECT email FROM affiliates WHERE id = $1", [p.affiliateId]);
  return { tenantId: p.tenantId, affiliateId: p.affiliateId, code: p.code, linkDomain: p.linkDomain, apiKey: p.apiKey, affiliateEmail: rows[0].email };
}
