import type { Browser } from 'playwright-core';
import { createUser } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person } from './web-browser';

// Registration hashes a password (argon2id, on purpose slow) and waits for the mail.
jest.setTimeout(120_000);

/** Issue 11 in the browser, in German: register → "check your mail" → the mailed link signs in. */
describe('pages: registration confirmed by mail', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({ WORKERS: 'on', SMTP_URL: sink.url });
    baseURL = await listen(t);
    browser = await launchBrowser();
  });
  // axe-core (A, AA) on every page the test loaded: 0 violations.
  afterEach(expectAccessiblePages);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.stop();
  });

  async function registerAs(email: string) {
    const { page, context } = await person(browser, baseURL);
    await page.goto('/register');
    await page.getByLabel('Name', { exact: true }).fill('Lena Schmidt');
    await page.getByLabel('Organisation').fill('Schmidt Antriebe GmbH');
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByLabel('Passwort').fill('mein-sicheres-passwort');
    await page.getByRole('button', { name: 'Registrieren' }).click();
    await page.getByRole('heading', { name: 'Bitte prüfen Sie Ihr Postfach' }).waitFor();
    return { page, context };
  }

  it('register, check your mail, and the link confirms and signs in; a spent link says so', async () => {
    const email = 'l.schmidt@schmidt-antriebe.example';
    const { page, context } = await registerAs(email);
    expect(await page.locator('main').innerText()).toContain(email);

    const mail = await sink.next(email);
    expect(mail.subject).toBe('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    const link = /http:\/\/beirat\.test(\/confirm\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(link).toBeDefined();

    await page.goto(link!);
    await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
    await page.getByText('Ihre E-Mail-Adresse ist bestätigt').waitFor();
    expect(await page.locator('body').innerText()).toContain('Lena Schmidt');

    await page.goto(link!);
    await page.getByText('schon benutzt oder abgelaufen').waitFor();
    await page.getByRole('link', { name: 'Zur Anmeldung' }).waitFor();
    await context.close();
  });

  it('a known address sees the same page, and its owner gets the warning mail', async () => {
    const owner = await createUser(t, { roles: ['applicant'], name: 'Olaf Owner' });
    const { page, context } = await registerAs(owner.email);
    expect(await page.locator('main').innerText()).toContain(owner.email);
    const mail = await sink.next(owner.email);
    expect(mail.subject).toBe('Registrierung mit Ihrer E-Mail-Adresse versucht');
    await context.close();
  });
});
