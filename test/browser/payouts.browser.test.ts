/**
 * Payout batches end to end in Chromium against the real stack: a merchant owner signs in, sets the
 * affiliate's PIX key on /payout-methods, makes a CSV-of-PIX-keys batch on /payout-batches from a commission
 * past its lock period, downloads its file, approves it and records the line paid with a reference; then,
 * after the affiliate earns again, makes another batch, cancels it and makes a new one (she is free again).
 * The ledger ends with exactly one payout debit: only the line recorded paid. Screenshots go to
 * test/browser/results/payouts/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SeededProgram } from "../../scripts/lib/seed-program";
import { earnApproved } from "../helpers/earnings";
import { freePort } from "../helpers/ports";
import { seedTestProgram, startTestStack, type TestStack } from "../helpers/stack";
import { startDashboard, type DashboardServer } from "./dashboard-server";
import { CHROMIUM, CHROMIUM_ARGS, RESULTS_DIR, UI_TIMEOUT_MS } from "./harness";

const SHOTS = join(RESULTS_DIR, "payouts");
const PASSWORD = "payouts-e2e-pass";
const AFFILIATE = "Maria Souza";
const PIX_KEY = "maria.pix@example.com";

let stack: TestStack;
let dashboard: DashboardServer;
let browser: Browser;
let program: SeededProgram;
let userAgent: string;

beforeAll(async () => {
  const edgePort = await freePort();
  stack = await startTestStack({ port: edgePort, linkDomain: "localhost", bindings: { "indica-api": { LINK_URL_SCHEME: "http", LINK_URL_PORT: String(edgePort) } } });
  program = await seedTestProgram(stack, { linkDomain: "localhost", password: PASSWORD });
  dashboard = await startDashboard(edgePort);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36`;
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => {});
  await dashboard?.close().catch(() => {});
  await stack?.close();
});

const earn = (amount: number) => earnApproved(stack.db, program, program.affiliateId, amount);

const payoutDebits = async () =>
  (await stack.db.query("SELECT amount::int AS amount FROM ledger_entries WHERE tenant_id = $1 AND kind = 'payout' ORDER BY created_at, id", [program.tenantId])).rows.map((r) => r.amount);

/** Intl puts a no-break space between "R$" and the amount. */
const plain = (s: string | null) => (s ?? "").replace(/\u00a0/g, " ").replace(/\s+/g, " ").trim();
const textOf = async (l: Locator) => plain(await l.textContent());
/** Waits until the locator's text (no-break spaces made plain) contains `text`. */
const shows = (l: Locator, text: string) => expect.poll(() => textOf(l), { timeout: UI_TIMEOUT_MS }).toContain(text);

/** The batch page's summary value under a term ("Situação", "Total", ...). */
const summary = (page: Page, term: string) => page.locator("dl > div").filter({ has: page.getByRole("term").getByText(term, { exact: true }) }).getByRole("definition");
/** The batch page's line of the affiliate. */
const line = (page: Page) => page.getByRole("region", { name: "Linhas" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: AFFILIATE }) });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** On /payout-batches: makes a draft batch paid by `provider`, lands on its page and returns its id. */
async function createBatch(page: Page, provider: "csv" | "csv_pix", previewTotal: string): Promise<string> {
  await page.getByRole("navigation").getByRole("link", { name: "Lotes de pagamento" }).click();
  await page.waitForURL(/\/payout-batches$/);
  const form = page.getByRole("form", { name: "Novo lote de pagamento" });
  // The preview comes from the balances: the affiliate's available amount, formatted.
  await shows(form, `1 afiliado(s) têm ${previewTotal} disponível em BRL`);
  await form.getByLabel("Moeda").selectOption("BRL");
  await form.getByLabel("Pagar por").selectOption(provider);
  await form.getByRole("button", { name: "Criar lote em rascunho" }).click();
  await page.waitForURL(/\/payout-batches\/pay_[0-9A-Z]+$/);
  return page.url().split("/").pop()!;
}

/** Answers the confirmation that replaced an action's button. */
async function confirm(page: Page, question: string) {
  const bar = page.getByRole("group", { name: question });
  await bar.getByRole("button", { name: "Confirmar" }).click();
  await bar.waitFor({ state: "detached" });
}

async function signIn(page: Page) {
  await page.goto(`${dashboard.url}/sign-in`);
  await page.getByLabel("E-mail").fill(program.people!.owner);
  await page.getByLabel("Senha").fill(PASSWORD);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.waitForURL(/\/overview$/);
}

describe("payout batches in the dashboard", () => {
  it("sets a PIX key, pays a CSV batch by recording its line paid, cancels another and frees the affiliate", async () => {
    await earn(12_345);
    const errors: string[] = [];
    const context = await browser.newContext({ userAgent, locale: "pt-BR", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    await signIn(page);

    // The affiliate's PIX key, set by the merchant (say, sent by email). Only a hint of it is shown back.
    await page.getByRole("navigation").getByRole("link", { name: "Formas de recebimento" }).click();
    await page.waitForURL(/\/payout-methods$/);
    const methods = page.getByRole("region", { name: "Formas de recebimento cadastradas" });
    const affiliateRow = methods.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(AFFILIATE) }) });
    await shows(affiliateRow, "Nenhuma cadastrada");
    await affiliateRow.getByRole("button", { name: `Forma de recebimento de ${AFFILIATE}` }).click();
    const methodForm = page.getByRole("form", { name: `Forma de recebimento de ${AFFILIATE}` });
    await methodForm.getByLabel("Tipo", { exact: true }).selectOption("pix");
    await methodForm.getByLabel("Tipo de chave").selectOption("email");
    await methodForm.getByLabel("Chave PIX").fill(PIX_KEY);
    await methodForm.getByLabel("Nome do titular").fill(AFFILIATE);
    await methodForm.getByRole("button", { name: "Salvar forma de recebimento" }).click();
    await shows(methodForm.getByRole("status"), "Salvo: pix email mar***com.");
    await shows(affiliateRow, "PIX pix email mar***com");
    expect(await textOf(affiliateRow)).not.toContain(PIX_KEY);
    await shot(page, "payout-methods");

    // A CSV-of-PIX-keys batch: a draft with her line at the formatted amount.
    const paidId = await createBatch(page, "csv_pix", "R$ 123,45");
    await page.getByRole("heading", { level: 1, name: `Lote de pagamento ${paidId}` }).waitFor();
    await shows(summary(page, "Situação"), "Rascunho");
    await shows(summary(page, "Pagar por"), "CSV de chaves PIX (PIX em lote do banco)");
    await shows(summary(page, "Total"), "R$ 123,45");
    await shows(line(page).getByRole("cell").nth(1), "R$ 123,45");
    await shows(line(page), "Pendente");

    // It is listed, and opens from the list.
    await page.getByRole("link", { name: "Todos os lotes de pagamento" }).click();
    await page.waitForURL(/\/payout-batches$/);
    const listed = page.getByRole("region", { name: "Lotes (mais recentes primeiro)" }).getByRole("row").filter({ has: page.getByRole("link", { name: `Abrir o lote ${paidId}` }) });
    await shows(listed, "Rascunho");
    await shows(listed, "R$ 123,45");
    await shot(page, "payout-batches");
    await listed.getByRole("link", { name: `Abrir o lote ${paidId}` }).click();
    await page.waitForURL(new RegExp(`/payout-batches/${paidId}$`));
    await shows(line(page), "R$ 123,45");

    // The bank's bulk-PIX file carries her key and the amount.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Baixar CSV de chaves PIX" }).click()]);
    expect(download.suggestedFilename()).toBe(`${paidId}-pix.csv`);
    const csv = readFileSync((await download.path())!, "utf8").split("\r\n");
    expect(csv[0]).toBe("chave_pix,tipo_chave,valor,nome_favorecido,identificador");
    expect(csv[1]).toMatch(new RegExp(`^${PIX_KEY.replace(/\./g, "\\.")},EMAIL,123\\.45,${AFFILIATE},pyi_`));

    // Approved (confirmed): nothing is sent, the line waits in processing; nothing is debited yet.
    await page.getByRole("button", { name: "Aprovar", exact: true }).click();
    await confirm(page, "Aprovar este lote de R$ 123,45 para 1 afiliado(s)? Nada é enviado: as linhas ficam em processamento até você marcá-las como pagas ou com falha.");
    await shows(page.getByRole("status").filter({ hasText: "Lote enviado." }), "Lote enviado.");
    await shows(summary(page, "Situação"), "Em processamento");
    await shows(line(page), "Em processamento");
    expect(await payoutDebits()).toEqual([]);

    // The bank paid it: the line is recorded paid with the reference (confirmed), and the batch is paid.
    await page.getByRole("checkbox", { name: `Selecionar a linha de ${AFFILIATE}` }).check();
    const reconcile = page.getByRole("region", { name: "Registrar o que o banco pagou" });
    await shows(reconcile, "1 linha(s) selecionada(s)");
    await reconcile.getByLabel("Referência do pagamento (opcional)").fill("PIX E2E-0001");
    await reconcile.getByRole("button", { name: "Marcar selecionadas como pagas" }).click();
    await confirm(page, "Marcar 1 linha(s) como pagas? Os valores saem dos saldos dos afiliados.");
    await shows(page.getByRole("status").filter({ hasText: "Linhas atualizadas." }), "Linhas atualizadas.");
    await shows(summary(page, "Situação"), "Pago");
    await shows(line(page), "Pago");
    await shows(line(page), "PIX E2E-0001");
    expect(await textOf(summary(page, "Concluído"))).not.toBe("—");
    // A paid batch offers no more actions on money: no approve/send, no cancel, nothing left to record.
    expect(await page.getByRole("button", { name: "Cancelar lote" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^(Aprovar|Enviar de novo)/ }).count()).toBe(0);
    expect(await reconcile.count()).toBe(0);
    await shot(page, "payout-batch-paid");
    expect(await payoutDebits()).toEqual([-12_345]);

    // She earns again: a new (plain CSV) batch holds her, is cancelled (confirmed), and frees her.
    await earn(5_000);
    const cancelledId = await createBatch(page, "csv", "R$ 50,00");
    expect(cancelledId).not.toBe(paidId);
    await shows(summary(page, "Pagar por"), "CSV (pagar pelo seu banco)");
    await shows(line(page), "R$ 50,00");
    await page.getByRole("button", { name: "Cancelar lote" }).click();
    await confirm(page, "Cancelar este lote? Ninguém recebe por ele, e seus 1 afiliado(s) ficam livres para o próximo lote.");
    await shows(page.getByRole("status").filter({ hasText: "Lote cancelado." }), "Lote cancelado.");
    await shows(summary(page, "Situação"), "Cancelado");
    expect(await page.getByRole("button", { name: "Cancelar lote" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Aprovar", exact: true }).count()).toBe(0);
    await shot(page, "payout-batch-cancelled");

    // Free again: the next batch takes her line.
    const nextId = await createBatch(page, "csv", "R$ 50,00");
    expect(nextId).not.toBe(cancelledId);
    await shows(summary(page, "Situação"), "Rascunho");
    await shows(line(page), "R$ 50,00");

    // The list shows all three as they stand.
    await page.getByRole("link", { name: "Todos os lotes de pagamento" }).click();
    const rows = page.getByRole("region", { name: "Lotes (mais recentes primeiro)" }).getByRole("row");
    const status = (id: string) => rows.filter({ has: page.getByRole("link", { name: `Abrir o lote ${id}` }) }).getByRole("cell").first();
    await shows(status(paidId), "Pago");
    await shows(status(cancelledId), "Cancelado");
    await shows(status(nextId), "Rascunho");
    // Newest first: the header row, then the draft just made.
    await rows.nth(1).getByRole("link", { name: `Abrir o lote ${nextId}` }).waitFor();

    // The ledger: one payout debit, for the one line paid; the cancelled batch and the draft debited nothing.
    expect(await payoutDebits()).toEqual([-12_345]);
    const items = await stack.db.query("SELECT batch_id, status FROM payout_items WHERE tenant_id = $1 ORDER BY created_at", [program.tenantId]);
    expect(items.rows.find((r) => r.batch_id === paidId)?.status).toBe("paid");
    await context.close();
    expect(errors).toEqual([]);
  });
});
