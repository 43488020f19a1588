/** The whole plan: `size` actors, ~17% fraud, scenarios in proportion, interleaved; same seed, same plan. */
import { Networks } from "../fraud/networks";
import { apportion, mulberry32 } from "../fraud/prng";
import { FRAUD_SHARE, FRAUD_WEIGHT, fraudster } from "./fraudsters";
import { FRAUD_KINDS, SCENARIOS, type Actor, type FraudKind, type Scenario } from "./plan";
import { SCENARIO_WEIGHT, shopper } from "./shoppers";

export function generatePlan(seed: number, size: number): Actor[] {
  const r = mulberry32(seed);
  const nets = new Networks(r);
  const frauds = Math.max(FRAUD_KINDS.length, Math.round(size * FRAUD_SHARE));
  const perScenario = apportion(Math.max(SCENARIOS.length, size - frauds), SCENARIO_WEIGHT);
  const perFraud = apportion(frauds, FRAUD_WEIGHT);
  const kinds: (Scenario | FraudKind)[] = [
    ...SCENARIOS.flatMap((s) => Array<Scenario>(perScenario[s]).fill(s)),
    ...FRAUD_KINDS.flatMap((f) => Array<FraudKind>(perFraud[f]).fill(f)),
  ];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return kinds.map((k, i) =>
    (FRAUD_KINDS as readonly string[]).includes(k) ? fraudster(k as FraudKind, `f${i}`, r, nets) : shopper(k as Scenario, `s${i}`, r, nets));
}
