import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { ConversionDraft } from "../../../../core/conversion-draft";
import { newId } from "../../../../core/ids";
import { resolveIdentity } from "../../../../core/identity-chain";
import type { Executor } from "../../../../db/client";
import { conversions } from "../../../../db/schema";
import { conversionSignals } from "../../../../core/conversion-signals";
import { assess } from "../../../../core/fraud";
import { mergeDrafts } from "../../../../core/conversion-draft";
import { convertMinor, currencySchema, MAX_MINOR_UNITS } from "../../../../core/money";
import { affiliateEmailHashes, fxSnapshots, affiliatesOfCoupons, clickKey, couponKey, identityClicks, storedClicks } from "./identity-lookups";
import { linkIdentities, type IdentityLink } from "./store-browser-events";
import { conversionCreated, conversionStatusChanged } from "../../../../db/queries/webhook-event-data";
import { emitWebhookEvents } from "../../../../db/queries/webhook-outbox";
import { storedOrdersOf } from "./server-figures";
import { refigureCommissions } from "./refigure-commissions";
import { sameFigures } from "./order-resends";
import { parkResentFigures } from "./park-resent-figures";
import { parkEarlyRefunds } from "./refunds-before-order";

/**
 * Orders, idempotent by (tenant, order id): the first report creates the row with the identity chain's
 * result; later reports from the merchant's server move its status (placed → paid → ...), and the first of
 * them replaces the figures of an order the tracking script reported (server-figures.ts), as does a move to
 * paid or fulfilled; other figures at the same status are told, not applied (order-resends.ts). Both are
 * announced to the merchant's webhooks in the same transaction.
 */
export async function storeConversions(db: Executor, reported: ConversionDraft[]): Promise<void> {
  if (reported.length === 0) return;
  // One insert may not touch a row twice: reports of the same order in one batch become one.
  const drafts = mergeDrafts(reported);
  const wanted = drafts.flatMap((d) => Object.values(d.candidates).flatMap((clickId) => (clickId ? [{ tenantId: d.tenantId, clickId }] : [])));
  // With the other lookups: the stored orders this batch's server reports may refigure, as they were before.
  const [clicksById, byCoupon, byIdentity, before] = await Promise.all([storedClicks(db, wanted), affiliatesOfCoupons(db, drafts), identityClicks(db, drafts), storedOrdersOf(db, drafts)]);
  const matches = drafts.map((d, i) =>
    resolveIdentity(
      { ...d.candidates, couponAffiliateId: d.coupon ? byCoupon.get(couponKey(d))?.affiliateId : null, identityClick: byIdentity.get(i) },
      (clickId) => clicksById.get(clickKey(d.tenantId, clickId))?.affiliateId ?? null,
    ),
  );
  const emailHashes = await affiliateEmailHashes(db, matches.flatMap((m) => (m?.affiliateId ? [m.affiliateId] : [])));
  const fx = await fxSnapshots(db, drafts);

  const rows = drafts.map((d, i) => {
    const match = matches[i];
    const click = match?.clickId ? clicksById.get(clickKey(d.tenantId, match.clickId)) ?? null : null;
    const fraud = assess(
      conversionSignals({
        match,
        occurredAt: d.occurredAt,
        emailHash: d.emailHash,
        click,
        affiliateEmailHash: match?.affiliateId ? emailHashes.get(match.affiliateId) ?? null : null,
        shopperClicked: byIdentity.has(i) || Object.values(d.candidates).some((id) => id && clicksById.has(clickKey(d.tenantId, id))),
        couponOnlyOrders: d.coupon ? byCoupon.get(couponKey(d))?.couponOnlyOrders : undefined,
        timeFromShopServer: d.source === "s2s",
      }),
    );
    const { candidates: _candidates, occurredAt, receivedAt, ...rest } = d;
    return {
      ...rest,
      items: d.items ?? [],
      id: newId("conversion", receivedAt),
      occurredAt: new Date(occurredAt),
      receivedAt: new Date(receivedAt),
      identitySource: match?.source ?? null,
      matchedClickId: match?.clickId ?? null,
      matchedAffiliateId: match?.affiliateId ?? null,
      fraudScore: fraud.score,
      fraudReasons: fraud.reasons,
      flagged: fraud.flagged,
      ...fxFields(d, fx.get(i)),
    };
  });
  const stored = await db
    .insert(conversions)
    .values(rows)
    .onConflictDoUpdate({
      target: [conversions.tenantId, conversions.orderId],
      set: {
        status: sql`CASE WHEN ${statusMoves} THEN excluded.status ELSE ${conversions.status} END`,
        amount: sql`CASE WHEN ${serverFigures} THEN excluded.amount ELSE ${conversions.amount} END`,
        currency: sql`CASE WHEN ${serverFigures} THEN excluded.currency ELSE ${conversions.currency} END`,
        items: sql`CASE WHEN ${serverReplacesScript} OR (${serverFigures} AND NOT ${itemsLeftOut(drafts)}) THEN excluded.items ELSE ${conversions.items} END`,
        fxRateMicros: sql`CASE WHEN ${serverFigures} THEN excluded.fx_rate_micros ELSE ${conversions.fxRateMicros} END`,
        defaultCurrencyAmount: sql`CASE WHEN ${serverFigures} THEN excluded.default_currency_amount ELSE ${conversions.defaultCurrencyAmount} END`,
        source: sql`CASE WHEN ${serverReplacesScript} THEN 's2s' ELSE ${conversions.source} END`,
      },
      setWhere: sql`${statusMoves} OR ${serverReplacesScript}`,
    })
    .returning({
      id: conversions.id, tenantId: conversions.tenantId, orderId: conversions.orderId, status: conversions.status, amount: conversions.amount,
      currency: conversions.currency, items: conversions.items, matchedAffiliateId: conversions.matchedAffiliateId, occurredAt: conversions.occurredAt,
    });
  // A returned row with the id made here is new; any other is an existing order whose status moved, or whose
  // script-reported figures the server replaced (announced only if its status moved too).
  const fresh = new Set(rows.map((r) => r.id));
  const moved = stored.filter((c) => !fresh.has(c.id) && before.get(`${c.tenantId}|${c.orderId}`)?.status !== c.status);
  await emitWebhookEvents(db, [...stored.filter((c) => fresh.has(c.id)).map(conversionCreated), ...moved.map(conversionStatusChanged)]);
  const refigured = stored.filter((c) => {
    const was = before.get(`${c.tenantId}|${c.orderId}`);
    return !fresh.has(c.id) && was !== undefined && !sameFigures(was, c);
  });
  await refigureCommissions(db, refigured.map((c) => ({ tenantId: c.tenantId, orderId: c.orderId })));
  await parkResentFigures(db, drafts, before);
  await parkEarlyRefunds(db, stored.filter((c) => fresh.has(c.id)).map((c) => ({ tenantId: c.tenantId, orderId: c.orderId, amount: Number(c.amount), currency: c.currency.trim() })));

  const links: IdentityLink[] = drafts.flatMap((d) =>
    d.visitorId
      ? [
          ...(d.emailHash ? [{ tenantId: d.tenantId, kind: "email", valueHash: d.emailHash, visitorId: d.visitorId }] : []),
          ...(d.customerIdHash ? [{ tenantId: d.tenantId, kind: "customer", valueHash: d.customerIdHash, visitorId: d.visitorId }] : []),
        ]
      : [],
  );
  await linkIdentities(db, links);
}

/** Only the merchant's server moves an order's status, and only forward: a late or redelivered report never rolls it back. */
const statusMoves = sql`(excluded.source = 's2s' AND ${statusRank(sql`excluded.status`)} > ${statusRank(conversions.status)})`;
/** The server's first report of an order the tracking script reported: its figures are the ones that count. */
const serverReplacesScript = sql`(excluded.source = 's2s' AND ${conversions.source} = 'browser')`;
/** Amount, currency, items and FX: the script's replaced, or brought by a move to paid or fulfilled (core/conversion-draft.ts). */
const serverFigures = sql`(${serverReplacesScript} OR (${statusMoves} AND excluded.status IN ('paid', 'fulfilled')))`;

/**
 * The report left `items` out (core/conversion-draft.ts): a status move keeps the order's items. The server's
 * first report of a script's order still replaces them, with none: the browser's items are not trusted.
 */
function itemsLeftOut(drafts: ConversionDraft[]): SQL {
  const keys = drafts.filter((d) => d.items === null).map((d) => `${d.tenantId}|${d.orderId}`);
  return sql`((excluded.tenant_id || '|' || excluded.order_id) = ANY(${sql.param(keys)}::text[]))`;
}

function statusRank(status: SQL | AnyColumn) {
  return sql`(CASE ${status} WHEN 'placed' THEN 0 WHEN 'paid' THEN 1 WHEN 'fulfilled' THEN 2 WHEN 'cancelled' THEN 3 ELSE -1 END)`;
}

/** The rate of the order's time and the amount in the merchant's default currency (null without a rate). */
function fxFields(d: ConversionDraft, snap: { rateMicros: number | null; defaultCurrency: string } | undefined) {
  const from = currencySchema.safeParse(d.currency);
  const to = currencySchema.safeParse(snap?.defaultCurrency);
  if (!snap?.rateMicros || !from.success || !to.success) return { fxRateMicros: null, defaultCurrencyAmount: null };
  // An order at the amount cap converted at a large rate passes the cap (10^12 JPY-like minor units at
  // 5,000 BRL per unit would be 5 × 10^15), and default-currency sums of a few such orders pass what a
  // number holds exactly. Past the cap the order is kept unconverted, as with no rate: told, not summed.
  const converted = convertMinor(d.amount, snap.rateMicros, from.data, to.data);
  return { fxRateMicros: snap.rateMicros, defaultCurrencyAmount: Number.isSafeInteger(converted) && converted <= MAX_MINOR_UNITS ? converted : null };
}
