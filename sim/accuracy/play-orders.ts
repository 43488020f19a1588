/**
 * Phase 2 and 3: orders as the shop reports them (the script's conversion event, when it still runs, then
 * the merchant's server, authoritative, with status "paid"), renewals, and refunds, each stamped with its
 * time on the controlled clock (`occurredAt`, and the event id's own timestamp for the browser).
 */
import { newId } from "../../core/ids";
import { call } from "./http";
import type { Merchant } from "./merchants";
import type { Order } from "./plan";
import { sendEvents, type VisitContext } from "./play-visits";
import type { ActorState } from "./state";

export const orderIdOf = (seed: number, o: Order) => `sim-${seed}-${o.key}`;
export const orderTime = (s: ActorState, o: Order) => s.lastClickAt + o.delayMs;

/** The coupon as a shopper types it: any case. */
function couponOf(m: Merchant, spec: string | null, o: Order): string | undefined {
  if (!spec) return undefined;
  const code = m.affiliates[Number(spec.split(":")[1])].coupon;
  return o.amount % 2 === 0 ? code.toLowerCase() : code;
}

/** "self:N": the affiliate N's own address, typed in capitals with spaces around, as people do. */
function emailOf(m: Merchant, o: Order): string {
  if (!o.email.startsWith("self:")) return o.email;
  const own = m.affiliates[Number(o.email.slice(5))].email;
  return o.amount % 3 === 0 ? ` ${own.toUpperCase()} ` : own;
}

export async function playOrder(ctx: VisitContext, seed: number, s: ActorState, o: Order): Promise<void> {
  const m = ctx.merchants[s.actor.merchant];
  const orderId = orderIdOf(seed, o);
  s.orderIds.set(o.key, orderId);
  const at = orderTime(s, o);
  const b = o.report.browser;
  if (b && s.actor.script) {
    const clickId = b.localStorage ? s.localStorageClickId : b.url ? s.clickIds.at(-1) : null;
    const cookie = b.cookies ? s.shopJar.header(at) : undefined;
    const headers = { "user-agent": s.actor.headers["user-agent"], "cf-connecting-ip": s.actor.origin.ip, ...(cookie ? { cookie } : {}) };
    const url = b.url && s.landingUrl ? s.landingUrl : "http://shop.localhost/obrigado";
    const event = {
      id: newId("event", at), type: "conversion", url,
      ...(clickId ? { clickId, clickIdSource: b.localStorage ? "local_storage" : "url" } : {}),
      conversion: { orderId, amount: o.amount, currency: "BRL", ...(o.report.s2s.coupon ? { coupon: couponOf(m, o.report.s2s.coupon, o) } : {}) },
    };
    await sendEvents(ctx, m, s, [event], headers, at);
  }
  const s2s = o.report.s2s;
  const clickId = s2s.clickId ? s.clickIds.findLast((id) => id) : undefined;
  const body = {
    orderId, amount: o.amount, currency: "BRL", status: "paid", occurredAt: new Date(at).toISOString(),
    ...(clickId ? { clickId } : {}),
    ...(s2s.email ? { customer: { email: emailOf(m, o) } } : {}),
    ...(s2s.coupon ? { coupon: couponOf(m, s2s.coupon, o) } : {}),
    ...(o.subscription ? { subscription: o.subscription } : {}),
  };
  await ctx.limiter.run(() => ctx.latency.time("ingest POST /v1/conversions", () => call(`${ctx.ep.ingest}/v1/conversions`, { token: m.apiKey, body }, [202])));
  ctx.sent.orders.push(`${m.tenantId}/${orderId}`);
}

export async function playRefund(ctx: VisitContext, seed: number, s: ActorState, o: Order, n: number): Promise<void> {
  const m = ctx.merchants[s.actor.merchant];
  const refundId = `${orderIdOf(seed, o)}-r${n}`;
  // A day after the order per refund, on the controlled clock.
  const occurredAt = new Date(orderTime(s, o) + (n + 1) * 86_400_000).toISOString();
  await ctx.limiter.run(() => call(`${ctx.ep.ingest}/v1/refunds`, { token: m.apiKey, body: { orderId: orderIdOf(seed, o), refundId, amount: o.refunds[n].amount, currency: "BRL", occurredAt, reason: "sim" } }, [202]));
  ctx.sent.refunds.push(`${m.tenantId}/${refundId}`);
}
