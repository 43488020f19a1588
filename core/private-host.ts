/**
 * Hosts that name no public server: loopback, private, link-local (the cloud metadata address
 * 169.254.169.254), carrier-grade NAT, unique-local IPv6, multicast, and the names reserved for local
 * networks. A webhook pointed at one is either a mistake or an attempt to make our sender call into a
 * network it should not reach. Judged on the URL parser's hostname, which already writes IPv4 in its one
 * dotted form (`0x7f.1` is `127.0.0.1`). A public name resolving to a private address is not caught here:
 * the sender's runtime (Workers reach only the public internet) is the wall for that.
 */

const PRIVATE_V4: [number, number][] = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16], [0xac100000, 12],
  [0xc0000000, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xe0000000, 4], [0xf0000000, 4],
];

function ipv4Value(host: string): number | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((v, p) => v * 256 + Number(p), 0);
}

const inV4Range = (v: number) => PRIVATE_V4.some(([base, bits]) => Math.floor(v / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));

function privateV6(bracketed: string): boolean {
  const h = bracketed.slice(1, -1).toLowerCase();
  if (h === "::" || h === "::1") return true;
  // IPv4-mapped (::ffff:a.b.c.d, which the parser writes as ::ffff:xxxx:xxxx).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (mapped) return inV4Range(parseInt(mapped[1], 16) * 65_536 + parseInt(mapped[2], 16));
  const first = parseInt(h.split(":")[0] || "0", 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa|localdomain)\.?$/i;

/** Whether a URL's `hostname` names a loopback, private or otherwise non-public host. */
export function isPrivateHost(hostname: string): boolean {
  if (hostname.startsWith("[")) return privateV6(hostname);
  const v4 = ipv4Value(hostname);
  if (v4 !== null) return inV4Range(v4);
  return LOCAL_NAMES.test(hostname);
}
