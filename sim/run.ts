/**
 * npm run sim [-- --size 400 --seed 1 --browsers 6]
 * The accuracy simulation of issue 8: merchants made through the API, seeded shoppers and fraudsters played
 * over HTTP through the real Workers (and a few in real headless Chromium), the product's decisions compared
 * with the truth. Prints the figures and writes sim/results/accuracy-<timestamp>.json.
 */
import { parseArgs } from "node:util";
import { writeResult } from "./accuracy/results";
import { formatReport } from "./accuracy/report";
import { runAccuracy } from "./accuracy/run-accuracy";
import { startSimStack } from "./accuracy/stack";

const { values: args } = parseArgs({ options: { size: { type: "string", default: "400" }, seed: { type: "string", default: "1" }, browsers: { type: "string", default: "6" } } });
const size = Number(args.size);
const seed = Number(args.seed);
const browsers = Number(args.browsers);
if (!Number.isInteger(size) || size < 20 || !Number.isInteger(seed) || !Number.isInteger(browsers) || browsers < 0) {
  console.error("usage: npm run sim -- [--size N (≥ 20)] [--seed N] [--browsers N (0: none)]");
  process.exit(2);
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const { stack, ep, redirect } = await startSimStack();
  try {
    console.log(`stack up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const { result } = await runAccuracy(ep, redirect, stack.db, { seed, size, landingUrl: "http://shop.localhost/produto", log: (l) => console.log(l) });
    console.log(`\n${formatReport(result)}`);
    console.log(`\nwrote ${writeResult("accuracy", result)}`);
  } finally {
    await stack.close();
  }
}

main().then(() => process.exit(0), (err) => (console.error(err), process.exit(1)));
