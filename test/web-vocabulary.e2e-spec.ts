import type { Browser } from 'playwright-core';
import { MAIL_STATUSES } from '@/notifications/mail-log.entity';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { launchBrowser, listen, person, signIn } from './web-browser';

/** Issue 13: the office's mail log speaks the page's language, not template keys and raw statuses. */
// The office signs in (argon2id on purpose slow).
jest.setTimeout(120_000);

describe('pages: the mail log in words', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
    // One logged mail per status (workers are off in tests; the log rows are what the page reads).
    for (const [i, status] of MAIL_STATUSES.entries()) {
      await t.dataSource.query(
        `INSERT INTO mail_log (idempotency_key, template, to_address, locale, subject, status)
         VALUES ($1, 'ready-for-decision', $2, 'de', 'Antrag LEIBAT: Entscheidung steht an', $3)`,
        [`vocabulary-${i}`, `steuerung${i}@example.org`, status],
      );
    }
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    [
      'de',
      'Bereit zur Entscheidung',
      ['wartet', 'wird gesendet', 'gesendet', 'fehlgeschlagen', 'unklar (bitte prüfen)'],
    ],
    ['en', 'Ready for decision', ['waiting', 'sending', 'sent', 'failed', 'unclear (please check)']],
  ])('names the kind and the status of each mail (%s)', async (locale, kind, statuses) => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await context.addCookies([{ name: 'beirat_lang', value: locale, url: baseURL }]);
    await page.goto('/office/mails');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(MAIL_STATUSES.length);
    expect(await page.locator('tbody').innerText()).not.toContain('ready-for-decision');
    const shown = await rows.locator('.badge').allInnerTexts();
    expect(shown.sort()).toEqual([...statuses].sort());
    expect(await rows.getByText(kind, { exact: true }).count()).toBe(MAIL_STATUSES.length);
    await context.close();
  });
});
