/**
 * The dashboard end to end in Chromium against the real stack: a merchant signs in, creates a campaign and
 * invites an affiliate, makes a link; a shopper clicks it; the shop's server posts the order; the merchant
 * approves the commission; the affiliate accepts the invite, signs in and sees it. Screenshots of every
 * main page at desktop and phone width go to test/browser/results/dashboard/.
 */
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { freePort } from "../helpers/ports";
import { seedTestProgram, startTestStack, waitFor, type TestStack } from "../helpers/stack";
import { orderId, serverPost } from "../helpers/tracking";
import { startDashboard, type DashboardServer } from "./dashboard-server";
import { CHROMIUM, CHROMIUM_ARGS, RESULTS_DIR, UI_TIMEOUT_MS } from "./harness";

const SHOTS = join(RESULTS_DIR, "dashboard");
const PASSWORD = "dashboard-e2e-pass";
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

let stack: TestStack;
let dashboard: DashboardServer;
let shop: Server;
let shopUrl: string;
let browser: Browser;
let program: SeededProgram;
let userAgent: string;

beforeAll(async () => {
  const edgePort = await freePort();
  stack = await startTestStack({ port: edgePort, linkDomain: "localhost", bindings: { "indica-api": { LINK_URL_SCHEME: "http", LINK_URL_PORT: String(edgePort) } } });
  shop = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>Loja</title><h1>Produto</h1>"));
  const shopPort = await freePort();
  await new Promise<void>((r) => shop.listen(shopPort, "127.0.0.1", r));
  shopUrl = `http://127.0.0.1:${shopPort}`;
  program = await seedTestProgram(stack, { linkDomain: "localhost", password: PASSWORD, destinationUrl: `${shopUrl}/` });
  dashboard = await startDashboard(edgePort);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  // Headless Chromium calls itself HeadlessChrome, which the redirect rightly treats as a bot.
  userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  await dashboard?.close().catch(() => {});
  await new Promise((r) => shop?.close(r));
  await stack?.close();
});

async function newContext(locale = "pt-BR"): Promise<BrowserContext> {
  const context = await browser.newContext({ userAgent, locale, viewport: VIEWPORTS.desktop });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
  return context;
}

/** Opens a page of the app and screenshots it at both widths once its content (not "loading") shows. */
async function visit(page: Page, path: string, name: string) {
  await page.goto(`${dashboard.url}${path}`);
  await page.locator("main h1").first().waitFor();
  await expect.poll(() => page.locator(".loading").count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

/** Intl puts a no-break space between "R$" and the amount. */
const plain = (s: string | null) => (s ?? "").replace(/\u00a0/g, " ");

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${dashboard.url}/sign-in`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(password);
  await page.getByRole("button", { name: "Entrar" }).click();
}

describe("dashboard", () => {
  it("takes a merchant from sign-in to an approved commission the affiliate then sees", async () => {
    const errors: string[] = [];
    const merchant = await newContext();
    const m = await merchant.newPage();
    m.on("pageerror", (e) => errors.push(String(e)));

    await m.goto(`${dashboard.url}/sign-in`);
    await m.locator("h1").waitFor();
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await m.setViewportSize(viewport);
      await m.screenshot({ path: join(SHOTS, `sign-in-${size}.png`), fullPage: true });
    }
    await m.setViewportSize(VIEWPORTS.desktop);
    await signIn(m, program.people!.owner, PASSWORD);
    await m.waitForURL(/\/overview$/);
    await expect.poll(() => m.locator("figure.chart").count(), { timeout: UI_TIMEOUT_MS }).toBe(2);

    // A campaign at 10%, with the live preview reading the same as the pipeline will pay.
    await m.goto(`${dashboard.url}/campaigns/new`);
    await m.getByLabel("Nome").fill("Campanha de verão");
    await m.getByLabel("Destino (página da loja)").fill(`${shopUrl}/verao`);
    await m.getByLabel("Período de carência (dias)").fill("30");
    await expect.poll(async () => plain(await m.getByTestId("commission-preview").textContent())).toContain("Um pedido de R$ 250,00 paga R$ 25,00");
    await m.getByRole("button", { name: "Salvar" }).click();
    await m.waitForURL(/\/campaigns\/cmp_/);
    await visit(m, m.url().slice(dashboard.url.length), "campaign-editor");

    // An invited affiliate: the invite link is shown once.
    await m.goto(`${dashboard.url}/affiliates`);
    await m.getByLabel("Nome").fill("Bruna Lima");
    await m.getByLabel("E-mail").fill(`bruna+${Date.now()}@example.com`);
    await m.getByRole("button", { name: "Convidar" }).click();
    const inviteUrl = await m.locator("#invite-url").inputValue();
    expect(inviteUrl).toMatch(/\/accept-invite#token=/);

    // A link for her in the new campaign, with a sub-id.
    await m.goto(`${dashboard.url}/links`);
    await m.getByLabel("Campanha").selectOption({ label: "Campanha de verão" });
    await m.getByLabel("Afiliado").selectOption({ label: "Bruna Lima" });
    await m.getByLabel("sub1").fill("instagram");
    await m.getByRole("button", { name: "Criar link" }).click();
    const linkUrl = await m.locator("#new-link").inputValue();
    expect(linkUrl).toMatch(/^http:\/\/localhost:\d+\//);

    // A shopper follows the link and lands on the shop with a click id.
    const shopper = await newContext();
    const s = await shopper.newPage();
    await s.goto(linkUrl);
    const clickId = new URL(s.url()).searchParams.get("indica_cid")!;
    expect(clickId).toMatch(/^clk_/);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM clicks WHERE id = $1", [clickId])).rowCount === 1, 45_000, "the click row");
    await shopper.close();

    // The shop's server reports the paid order (an hour after the click, as a real checkout would be).
    const order = orderId();
    const sent = await serverPost(stack, "/v1/conversions", program.apiKey, {
      orderId: order, amount: 25_000, currency: "BRL", status: "paid", clickId, occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(sent.status).toBe(202);
    await waitFor(async () => (await stack.db.query("SELECT 1 FROM commissions WHERE tenant_id = $1 AND order_id = $2", [program.tenantId, order])).rowCount === 1, 45_000, "the commission");

    // The merchant approves it in bulk with a reason.
    await visit(m, "/commissions", "commissions");
    const row = m.locator("tr", { hasText: order });
    await expect.poll(async () => plain(await row.locator("td.num").textContent())).toBe("R$ 25,00");
    await m.getByLabel(`Selecionar a comissão do pedido ${order}`).check();
    await m.getByLabel("Motivo (fica no histórico de auditoria)").fill("Pedido conferido");
    await m.getByRole("button", { name: "Aprovar selecionadas" }).click();
    await expect.poll(() => m.getByRole("status").filter({ hasText: "decidida" }).textContent()).toContain("1 decidida(s), 0 ignorada(s)");

    for (const [path, name] of [["/overview", "overview"], ["/campaigns", "campaigns"], ["/affiliates", "affiliates"], ["/links", "links"], ["/conversions", "conversions"], ["/fraud", "fraud"], ["/payouts", "payouts"], ["/settings", "settings"]]) {
      await visit(m, path, name);
    }
    await merchant.close();

    // The affiliate accepts the invite, lands on her portal and sees the approved commission.
    const affiliate = await newContext();
    const a = await affiliate.newPage();
    a.on("pageerror", (e) => errors.push(String(e)));
    await a.goto(inviteUrl);
    await a.getByLabel("Nome").fill("Bruna Lima");
    await a.getByLabel("Escolha uma senha").fill("senha-da-bruna-123");
    await a.getByRole("button", { name: "Criar minha conta" }).click();
    await a.waitForURL(/\/portal$/);
    await visit(a, "/portal", "portal");
    await visit(a, "/portal/links", "portal-links");
    await visit(a, "/portal/earnings", "portal-earnings");
    const mine = a.locator("tr", { hasText: order });
    await expect.poll(() => mine.textContent()).toContain("Aprovada");
    expect(plain(await mine.locator("td.num").textContent())).toBe("R$ 25,00");
    await affiliate.close();

    expect(errors).toEqual([]);
  });
});
