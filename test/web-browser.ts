import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { auditContext } from './support/axe-audit';
import { findChromium } from './support/chromium';
import type { TestApp } from './support/test-app';

export { expectAccessiblePages } from './support/axe-audit';

/**
 * Found when a page-test suite loads this file, before it starts an app: without a browser the suite
 * fails at once with one line saying what to install. Playwright gives each launch a fresh profile.
 */
export const CHROMIUM = findChromium();
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Date and number inputs render as a German user sees them.
  '--lang=de-DE',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Listens on a free port of the loopback interface and answers the base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/**
 * One person at one browser: own cookies, German unless told otherwise, desktop width. Every page
 * they load is checked with axe-core (support/axe-audit.ts); `afterEach(expectAccessiblePages)` fails a
 * test whose pages had violations.
 */
export async function person(
  browser: Browser,
  baseURL: string,
  options: { locale?: string; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const width = options.width ?? 1280;
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width, height: width < 600 ? 844 : 900 },
    deviceScaleFactor: 1,
    isMobile: width < 600,
    hasTouch: width < 600,
  });
  context.setDefaultTimeout(15_000);
  await auditContext(context);
  const page = await context.newPage();
  // A confirm() (e.g. withdraw) is answered yes, as the user would.
  page.on('dialog', (dialog) => void dialog.accept());
  return { context, page };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * With SCREENSHOTS=<folder> set, saves the page at desktop width and at a 390 px phone width (as
 * `<name>-desktop.png` / `<name>-phone.png`); otherwise does nothing, so CI writes no files.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const folder = process.env.SCREENSHOTS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(folder, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(folder, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(original);
}
