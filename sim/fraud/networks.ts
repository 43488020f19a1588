/**
 * Where requests come from: `cf-connecting-ip` and the `request.cf` the edge would attach. Every shopper
 * gets a network (/24 or /48) of its own, as home and mobile connections spread over a country do; a
 * flood shares one. Autonomous systems are real ones: Brazilian ISPs and mobile carriers, hosting providers.
 */
import { int, pick, type Rng } from "./prng";

export interface Origin {
  ip: string;
  cf: { asn: number; country: string };
}

/** Claro, Vivo (two), TIM, Oi, Algar: where Brazilian shoppers browse from. */
const ISP_ASNS = [28573, 26599, 18881, 26615, 7738, 16735];
/** AWS, DigitalOcean, Hetzner, OVH, Google Cloud: where scripts run. */
export const HOSTING_ASNS = [16509, 14061, 24940, 16276, 396982];
/** Commercial VPNs and a cloud desktop a real shopper may browse through (M247, Datacamp, Microsoft). */
export const VPN_ASNS = [9009, 60068, 8075];

const FIRST_OCTETS = [177, 179, 186, 187, 189, 191, 200, 201];

/** Hands out networks that were never handed out before in this run. */
export class Networks {
  private used = new Set<string>();
  constructor(private r: Rng) {}

  /** A fresh /24 as "a.b.c"; hosts inside it are added by `host`. */
  private fresh24(): string {
    for (;;) {
      const net = `${pick(this.r, FIRST_OCTETS)}.${int(this.r, 0, 255)}.${int(this.r, 0, 255)}`;
      if (!this.used.has(net)) return this.used.add(net), net;
    }
  }

  private fresh48(): string {
    for (;;) {
      const net = `2804:${int(this.r, 0x100, 0xfff).toString(16)}:${int(this.r, 0, 0xffff).toString(16)}`;
      if (!this.used.has(net)) return this.used.add(net), net;
    }
  }

  /** A shopper at home or on a phone: a network of its own, a quarter of them over IPv6. */
  shopper(asns: readonly number[] = ISP_ASNS): Origin {
    const asn = pick(this.r, asns);
    const ip = this.r() < 0.25 ? `${this.fresh48()}:${int(this.r, 1, 0xffff).toString(16)}::${int(this.r, 1, 0xffff).toString(16)}` : `${this.fresh24()}.${int(this.r, 1, 254)}`;
    return { ip, cf: { asn, country: "BR" } };
  }

  /** One /24 for a flood or a bot; `hosts` addresses inside it. */
  network(hosting: boolean, hosts: number): Origin[] {
    const net = this.fresh24();
    const asn = pick(this.r, hosting ? HOSTING_ASNS : ISP_ASNS);
    return Array.from({ length: hosts }, () => ({ ip: `${net}.${int(this.r, 1, 254)}`, cf: { asn, country: hosting ? pick(this.r, ["US", "DE", "NL"]) : "BR" } }));
  }
}
