/**
 * A new merchant through the dashboard's sign-up page, in Chromium against the real stack: from the sign-in
 * page's link to the overview's get-started panel, then out and back in with the new credentials; a
 * repeated sign-up and a too-short password as the page shows them. Screenshots go to results/signup/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/ports";
import { startTestStack, type TestStack } from "../helpers/stack";
import { startDashboard, type DashboardServer } from "./dashboard-server";
import { CHROMIUM, CHROMIUM_ARGS, RESULTS_DIR, UI_TIMEOUT_MS } from "./harness";

const SHOTS = join(RESULTS_DIR, "signup");
const PASSWORD = "signup-e2e-password";

let stack: TestStack;
let dashboard: DashboardServer;
let browser: Browser;

beforeAll(async () => {
  const edgePort = await freePort();
  stack = await startTestStack({ port: edgePort, linkDomain: "localhost" });
  dashboard = await startDashboard(edgePort);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  await dashboard?.close().catch(() => {});
  await stack?.close();
});

async function newPage(errors: string[]): Promise<Page> {
  const context = await browser.newContext({ locale: "pt-BR", viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  return page;
}

async function fillSignUp(page: Page, shop: string, email: string, password: string) {
  await page.goto(`${dashboard.url}/signup`);
  await page.getByLabel("Nome da loja").fill(shop);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  await page.getByRole("button", { name: "Criar conta" }).click();
}

/** The error shown beside a field: inside the same .field as the labelled control. */
const fieldError = (page: Page, label: string) => page.locator(".field", { has: page.getByLabel(label) }).locator(".field-error");

describe("sign-up page", () => {
  it("creates a merchant, lands on the overview's get-started panel, and signs in again with the new credentials", async () => {
    const errors: string[] = [];
    const page = await newPage(errors);
    const email = `dona+${Date.now()}@loja-nova.example`;

    await page.goto(`${dashboard.url}/sign-in`);
    await page.getByRole("link", { name: "Criar uma conta" }).click();
    await page.waitForURL(/\/signup$/);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Crie a conta da sua loja");
    await page.screenshot({ path: join(SHOTS, "signup.png"), fullPage: true });

    await fillSignUp(page, "Loja Nova", email, PASSWORD);
    await page.waitForURL(/\/overview$/);
    const panel = page.getByRole("region", { name: "Primeiros passos" });
    await panel.waitFor();
    const steps = await panel.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(steps).toEqual(["/campaigns/new", "/affiliates", "/links", "/settings"]);
    await page.screenshot({ path: join(SHOTS, "overview-first-run.png"), fullPage: true });
    const owner = await stack.db.query("SELECT u.role, t.name FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.email = $1", [email]);
    expect(owner.rows).toEqual([{ role: "owner", name: "Loja Nova" }]);

    await page.getByRole("button", { name: "Sair" }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Senha").fill(PASSWORD);
    await page.getByRole("button", { name: "Entrar" }).click();
    await page.waitForURL(/\/overview$/);
    await panel.waitFor();

    // The same email and password again is a repeat: the page says so and links to sign-in.
    await page.getByRole("button", { name: "Sair" }).click();
    await page.waitForURL(/\/sign-in$/);
    await fillSignUp(page, "Loja Nova", email, PASSWORD);
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent()).toBe("Já existe uma conta para esta loja: entre");
    await alert.getByRole("link", { name: "entre" }).click();
    await page.waitForURL(/\/sign-in$/);
    expect(errors).toEqual([]);
  });

  it("shows a short password's error and a malformed short name's (from the API) beside their fields", async () => {
    const errors: string[] = [];
    const page = await newPage(errors);
    await fillSignUp(page, "Loja Curta", `curta+${Date.now()}@loja.example`, "curta");
    await expect.poll(() => fieldError(page, "Senha").textContent()).toBe("Curta demais: use pelo menos 10 caracteres.");
    expect(page.url()).toMatch(/\/signup$/);

    await page.getByLabel("Senha").fill(PASSWORD);
    await page.getByLabel("Nome curto (opcional)").fill("Loja Curta!");
    await page.getByRole("button", { name: "Criar conta" }).click();
    await expect.poll(() => fieldError(page, "Nome curto (opcional)").count()).toBe(1);
    expect(await fieldError(page, "Senha").count()).toBe(0);
    expect(await page.getByLabel("Nome curto (opcional)").getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).toMatch(/\/signup$/);
    expect(errors).toEqual([]);
  });
});
