/**
 * Phase 1: every actor's clicks on the redirect Worker, then what the shop's script does on the landing
 * page (POST /_indica/click for the server-set cookie, a pageview, an identify), over HTTP.
 */
import { createHash } from "node:crypto";
import { newId, timestampOfId } from "../../core/ids";
import { type Endpoints } from "./http";
import type { Limiter } from "../limiter";
import type { Merchant } from "./merchants";
import type { ActorState, Sent } from "./state";
import type { Latencies } from "./latency";

export const emailHash = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

export interface VisitContext {
  ep: Endpoints;
  /** The redirect Worker's own socket, reached as http://localhost:<port> (links live on `localhost`). */
  redirect: string;
  merchants: Merchant[];
  limiter: Limiter;
  sent: Sent;
  latency: Latencies;
}

export async function playVisits(ctx: VisitContext, s: ActorState): Promise<void> {
  const a = s.actor;
  const m = ctx.merchants[a.merchant];
  for (const [i, click] of a.clicks.entries()) {
    const origin = a.floodOrigins.length ? a.floodOrigins[i % a.floodOrigins.length] : a.origin;
    const cookie = a.keepsCookies ? s.linkJar.header(Date.now()) : undefined;
    const headers: Record<string, string> = { ...a.headers, "cf-connecting-ip": origin.ip, "mf-cf-blob": JSON.stringify(origin.cf), ...(cookie ? { cookie } : {}) };
    const res = await ctx.limiter.run(() => ctx.latency.time("redirect GET /:code", () => fetch(`${ctx.redirect}/${m.affiliates[click.affiliate].codes[click.campaign]}`, { headers, redirect: "manual" })));
    const location = res.headers.get("location");
    await res.arrayBuffer();
    if (res.status !== 302 || !location) throw new Error(`click of ${a.key}: expected a redirect, got ${res.status}`);
    const clickId = new URL(location).searchParams.get("indica_cid");
    s.clickIds.push(clickId);
    if (!clickId) {
      ctx.sent.untrackedClicks++;
      continue;
    }
    ctx.sent.trackedClicks.push(clickId);
    const at = timestampOfId(clickId)!;
    s.lastClickAt = at;
    s.landingUrl = location;
    if (a.keepsCookies) s.linkJar.take(res, at);
    if (a.script) await landingScript(ctx, m, s, clickId, at);
  }
}

/** The tracking script on the landing page, at the click's time on the controlled clock. */
async function landingScript(ctx: VisitContext, m: Merchant, s: ActorState, clickId: string, at: number): Promise<void> {
  const headers = (): Record<string, string> => {
    const cookie = s.shopJar.header(at);
    return { "user-agent": s.actor.headers["user-agent"], "cf-connecting-ip": s.actor.origin.ip, ...(cookie ? { cookie } : {}) };
  };
  const res = await ctx.limiter.run(() => ctx.latency.time("ingest POST /_indica/click", () => fetch(`${ctx.ep.ingest}/_indica/click`, { method: "POST", headers: { ...headers(), "content-type": "text/plain" }, body: JSON.stringify({ site: m.tenantId, clickId }) })));
  await res.arrayBuffer();
  if (res.status !== 204) throw new Error(`/_indica/click of ${s.actor.key}: ${res.status}`);
  s.shopJar.take(res, at);
  s.localStorageClickId = clickId;
  const url = s.landingUrl!;
  const events: object[] = [{ id: newId("event", at + 200), type: "pageview", url, clickId, clickIdSource: "url" }];
  if (s.actor.identifies) events.push({ id: newId("event", at + 30_000), type: "identify", url, identity: { emailHash: emailHash(`cliente-${s.actor.key}@example.net`) } });
  await sendEvents(ctx, m, s, events, headers(), at);
}

export async function sendEvents(ctx: VisitContext, m: Merchant, s: ActorState, events: object[], headers: Record<string, string>, at: number): Promise<void> {
  const res = await ctx.limiter.run(() => ctx.latency.time("ingest POST /_indica/e", () => fetch(`${ctx.ep.ingest}/_indica/e`, { method: "POST", headers: { ...headers, "content-type": "text/plain" }, body: JSON.stringify({ site: m.tenantId, consent: "granted", events }) })));
  await res.arrayBuffer();
  if (res.status !== 202) throw new Error(`/_indica/e of ${s.actor.key}: ${res.status}`);
  s.shopJar.take(res, at);
  for (const e of events) ctx.sent.events.push((e as { id: string }).id);
}

