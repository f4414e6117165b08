import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { LANG_COOKIE } from '@/web/i18n/i18n';
import { registerApplicant } from './support/factories';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { launchBrowser, listen, person, shoot, signIn } from './web-browser';

jest.setTimeout(120_000);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rules on the page as it is: the violations, by rule id and element. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the devtools protocol, so the page's strict CSP does not block it.
  await page.evaluate(AXE);
  // A string, evaluated in the page (the test's TypeScript has no DOM types).
  const violations = await page.evaluate(`
    window.axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(' ')))
  `);
  return violations as string[];
}

/**
 * A mail in doubt (`unknown`: its body went to the server, the answer never came back) is on the
 * office's start page, in German and English, and is resent with one click; once resent it leaves the list.
 */
describe('office start page: mails in doubt, resent with one click', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let mailId: string;
  let to: string;

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
    const applicant = await registerApplicant(t);
    to = applicant.email;
    const [row] = await t.dataSource.query(
      `INSERT INTO mail_log (idempotency_key, template, to_address, recipient_id, locale, subject, status,
                             attempts, data_sent_at, error)
       VALUES ('test:in-doubt', 'submission-receipt', $1, $2, 'de', 'Eingangsbestätigung: LEIBAT', 'unknown',
               1, now(), 'A worker stopped after the message body had started to go out')
       RETURNING id`,
      [applicant.email, applicant.id],
    );
    mailId = row.id;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists it in German and English, axe-clean, and resends it with one click', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await page.goto('/');
    const section = page.locator('section[aria-labelledby="in-doubt-h"]');
    expect(await section.locator('h2').innerText()).toBe('Mails mit ungewisser Zustellung (1)');
    expect(await section.locator('tbody tr').count()).toBe(1);
    expect(await section.locator('tbody tr').innerText()).toContain(to);
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'office-home-in-doubt');

    await context.addCookies([{ name: LANG_COOKIE, value: 'en', url: baseURL }]);
    await page.goto('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await section.locator('h2').innerText()).toBe('Mails in doubt (1)');
    expect(await axeViolations(page)).toEqual([]);

    await section.getByRole('button', { name: `Resend to ${to}` }).click();
    await page.waitForURL((url) => url.pathname === '/office/mails');
    const copies = await t.dataSource.query('SELECT status FROM mail_log WHERE resend_of = $1', [mailId]);
    expect(copies).toEqual([{ status: 'pending' }]);

    await page.goto('/');
    expect(await section.count()).toBe(0);
    await context.close();
  });
});
