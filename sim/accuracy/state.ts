/** What playing an actor left behind: the ids the product handed out, what the browser still holds. */
import { CookieJar } from "./cookie-jar";
import type { Actor } from "./plan";

export interface ActorState {
  actor: Actor;
  /** The link's domain; the same jar as the shop's when the redirect's cookies reach the shop. */
  linkJar: CookieJar;
  shopJar: CookieJar;
  /** Per planned click: the click id, or null when the redirect answered without tracking. */
  clickIds: (string | null)[];
  /** Real time of the last tracked click (the product stamped it), else of the first request. */
  lastClickAt: number;
  landingUrl: string | null;
  /** The script's localStorage copy of the click id. */
  localStorageClickId: string | null;
  /** Order key → order id sent. */
  orderIds: Map<string, string>;
}

export function newState(actor: Actor): ActorState {
  const shopJar = new CookieJar(actor.cookiesBlocked);
  const linkJar = actor.linkCookiesReachShop ? shopJar : new CookieJar(actor.cookiesBlocked);
  return { actor, linkJar, shopJar, clickIds: [], lastClickAt: Date.now(), landingUrl: null, localStorageClickId: null, orderIds: new Map() };
}

/** What the sim sent and the product accepted, to check nothing was lost or stored twice. */
export interface Sent {
  trackedClicks: string[];
  untrackedClicks: number;
  events: string[];
  orders: string[];
  refunds: string[];
}
