/**
 * The raw IP address never leaves the edge. What we keep is a keyed hash of the truncated address
 * (IPv4 /24, IPv6 /48) with a salt that rotates daily: enough to count clicks per network within a day
 * for velocity checks, useless for following a person across days or re-identifying them.
 */
import { hmacKey, hmacSha256HexSync, type HmacKey } from "./sha256";

export function truncateIp(ip: string): string | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(":")) {
    const groups = expandIpv6(ip);
    return groups ? `${groups.slice(0, 3).join(":")}::/48` : null;
  }
  return null;
}

function expandIpv6(ip: string): string[] | null {
  const [head, tail, extra] = ip.split("::");
  if (extra !== undefined) return null;
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const groups = [...left, ...Array(missing).fill("0"), ...right];
  return groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, "")) : null;
}

const DAY_MS = 86_400_000;
let lastDay = { day: Number.NaN, text: "" };

/** UTC day used to rotate the salt: `2026-11-22`. (Formatted once per day per isolate, not per click.) */
export function saltDay(now: number): string {
  const day = Math.floor(now / DAY_MS);
  if (day !== lastDay.day) lastDay = { day, text: new Date(day * DAY_MS).toISOString().slice(0, 10) };
  return lastDay.text;
}

// The key's HMAC states are computed once per secret per isolate.
const hmacKeys = new Map<string, HmacKey>();

function networkKey(secret: string): HmacKey {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = hmacKey(secret);
    hmacKeys.set(secret, key);
  }
  return key;
}

/**
 * The click's network as a keyed hash (32 hex characters), or null for an address that is not one. Not
 * remembered per isolate: the hash is two SHA-256 compressions, and shoppers' networks repeat too little
 * for a memo to pay for the entries it keeps alive (each one survives into the old generation).
 */
export function hashIp(ip: string, secret: string, now: number): string | null {
  const network = truncateIp(ip);
  if (!network) return null;
  return hmacSha256HexSync(networkKey(secret), `${saltDay(now)}|${network}`, 32);
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += HEX[b];
  return out;
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}
