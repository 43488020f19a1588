/**
 * The accuracy simulation (sim/accuracy) at a small size, as `npm run sim` plays it: merchants through the
 * API, every scenario and the fraud mix over HTTP on a controlled clock, decisions read through the API.
 * Holds the targets; the Chromium sample runs only in `npm run sim` (it needs a browser and time).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatReport, TARGETS } from "../sim/accuracy/report";
import { runAccuracy } from "../sim/accuracy/run-accuracy";
import { startSimStack, type Prepared } from "../sim/accuracy/stack";

let sim: Awaited<ReturnType<typeof startSimStack>>;
beforeAll(async () => {
  // The suite's own Postgres, bridge and bundles: the simulation starts no cluster of its own.
  sim = await startSimStack({ databaseUrl: inject("databaseUrl"), wsProxy: inject("wsProxy"), bundles: inject("bundles") as Prepared["bundles"] });
});
afterAll(() => sim?.stack.close());

describe("accuracy simulation", () => {
  it("attributes, pays and judges as the truth says", { timeout: 120_000 }, async () => {
    const { result } = await runAccuracy(sim.ep, sim.redirect, sim.stack.db, { seed: 3, size: 80, landingUrl: "http://shop.localhost/produto" });
    console.log(formatReport(result));
    const s = result.score;
    expect.soft(s.accuracy.overall.rate, "accuracy").toBeGreaterThanOrEqual(TARGETS.accuracy);
    expect.soft(s.accuracy.noIdentifierLeft.right, "nobody credited without an identifier").toBe(s.accuracy.noIdentifierLeft.total);
    expect.soft(s.commissions.rate, "commissions exact").toBe(TARGETS.commissions);
    expect.soft(s.fraud.precision, "fraud precision").toBeGreaterThanOrEqual(TARGETS.precision);
    expect.soft(s.fraud.recall, "fraud recall").toBeGreaterThanOrEqual(TARGETS.recall);
    expect.soft(Object.values(result.delivery.lost).every((n) => n === 0), "nothing lost").toBe(true);
    expect.soft(Object.values(result.delivery.duplicated).every((n) => n === 0), "nothing duplicated").toBe(true);
  });
});
