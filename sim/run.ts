/**
 * npm run sim [-- --size 2000 --seed 1 --browsers 6]
 * The accuracy simulation of issue 8: merchants made through the API, seeded shoppers and fraudsters played
 * over HTTP through the real Workers (and a few in real headless Chromium), the product's decisions compared
 * with the truth. Prints the figures and writes sim/results/accuracy-<timestamp>.json.
 */
import { parseArgs } from "node:util";
import { writeResult } from "./accuracy/results";
import { formatReport } from "./accuracy/report";
import { runAccuracy } from "./accuracy/run-accuracy";
import { startSimStack } from "./accuracy/stack";
import { playBrowserSample } from "./accuracy/browser-sample";
import { startDemoShop } from "../test/browser/demo-shop";

const { values: args } = parseArgs({ options: { size: { type: "string", default: "2000" }, seed: { type: "string", default: "1" }, browsers: { type: "string", default: "6" } } });
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
    // The demo shop (test/browser) is where links land: the Chromium sample browses it for real.
    const shop = await startDemoShop({ edge: ep.edge.replace("localhost", "127.0.0.1") });
    try {
      const { result, merchants } = await runAccuracy(ep, redirect, stack.db, { seed, size, landingUrl: `${shop.url}/produto`, log: (l) => console.log(l) });
      shop.site = merchants[0].tenantId;
      const t1 = Date.now();
      const chromium = await playBrowserSample(ep, shop, merchants[0], browsers, seed);
      console.log(`chromium sample: ${chromium.total} shoppers in ${((Date.now() - t1) / 1000).toFixed(1)} s${chromium.skipped ? ` (skipped: ${chromium.skipped})` : ""}`);
      console.log(`\n${formatReport(result, chromium)}`);
      for (const miss of chromium.misses) console.log(`    chromium miss ${miss}`);
      console.log(`\nwrote ${writeResult("accuracy", { ...result, chromium })}`);
    } finally {
      await shop.close();
    }
  } finally {
    await stack.close();
  }
}

main().then(() => process.exit(0), (err) => (console.error(err), process.exit(1)));
