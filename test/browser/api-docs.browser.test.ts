/** The API reference page in Chromium: it renders every operation and its "Try it" form calls the API. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/ports";
import { seedTestProgram, startTestStack, type TestStack } from "../helpers/stack";
import { CHROMIUM, CHROMIUM_ARGS, RESULTS_DIR, UI_TIMEOUT_MS } from "./harness";

let stack: TestStack;
let browser: Browser;
let port: number;

beforeAll(async () => {
  port = await freePort();
  stack = await startTestStack({ port });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("API reference page", () => {
  it("lists the operations from /openapi.json and sends a request with the token given", async () => {
    const p = await seedTestProgram(stack);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // Chromium resolves *.localhost to this machine; the edge routes api.localhost to the API Worker.
    await page.goto(`http://api.localhost:${port}/docs`, { timeout: UI_TIMEOUT_MS });
    await page.waitForSelector("body[data-ready=true]", { timeout: UI_TIMEOUT_MS });
    expect(await page.locator("section.op").count()).toBeGreaterThan(15);
    await page.fill("#token", p.apiKey);

    const me = page.locator("section.op", { has: page.locator("code", { hasText: /^\/v1\/me$/ }) }).first();
    await me.locator("summary", { hasText: "Try it" }).click();
    await me.locator("button", { hasText: "Send request" }).click();
    await expect.poll(() => me.locator(".status").textContent(), { timeout: UI_TIMEOUT_MS }).toMatch(/^200/);
    expect(await me.locator("pre").textContent()).toContain(p.tenantId);

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, "api-docs.png"), fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});
