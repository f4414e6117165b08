import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { SESSION_COOKIE } from '@/auth/session-token';
import { createUser } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person, shoot, signIn } from './web-browser';

jest.setTimeout(120_000);

/** Issue 18 in the browser: /datenschutz, /barrierefreiheit with its feedback form, "Meine Daten", the office's page. */
describe('pages: privacy notice, accessibility statement, my data', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({
      WORKERS: 'on',
      SMTP_URL: sink.url,
      PRIVACY_CONTROLLER_NAME: 'Cluster Mobilität Niedersachsen e.V.',
      PRIVACY_CONTROLLER_ADDRESS: 'Hauptstraße 1, 38100 Braunschweig',
      PRIVACY_CONTROLLER_EMAIL: 'datenschutz@cluster.example',
    });
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

  it('shows the privacy notice in German and English with the configured controller and the cookies used', async () => {
    const { page, context } = await person(browser, baseURL);
    await page.goto('/');
    await page.getByRole('link', { name: 'Datenschutz' }).click();
    await page.getByRole('heading', { name: 'Datenschutzhinweise', level: 1 }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Cluster Mobilität Niedersachsen e.V.');
    expect(text).toContain('Hauptstraße 1, 38100 Braunschweig');
    expect(text).toContain('datenschutz@cluster.example');
    expect(text).toContain('nur technisch notwendige Cookies');
    expect(text).toContain('3 Jahre');
    expect(text).toContain('10 Jahre');
    await shoot(page, 'privacy-notice');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Privacy notice', level: 1 }).waitFor();
    expect(await page.locator('main').innerText()).toContain('only technically necessary cookies');
    // Only the cookies the notice names: session (after sign-in), CSRF protection, language.
    const cookies = (await context.cookies()).map((c) => c.name);
    expect(cookies.filter((name) => !['beirat_lang', 'beirat_csrf', SESSION_COOKIE].includes(name))).toEqual(
      [],
    );
    await context.close();
  });

  it('takes anonymous feedback on the accessibility statement and mails it to the office', async () => {
    const { page, context } = await person(browser, baseURL);
    await page.goto('/');
    await page.getByRole('link', { name: 'Barrierefreiheit' }).click();
    await page.getByRole('heading', { name: 'Erklärung zur Barrierefreiheit', level: 1 }).waitFor();
    expect(await page.locator('main').innerText()).toContain('teilweise mit der BITV 2.0 vereinbar');
    await shoot(page, 'accessibility-statement');
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    // The empty message is refused by the browser (required) or the server; nothing is sent.
    expect(page.url()).toContain('/barrierefreiheit');
    const message = 'Der Kontrast des Fristhinweises ist zu schwach (Feedback 4711).';
    await page.getByLabel('Ihre Nachricht').fill(message);
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    await page.getByText('Danke – Ihre Nachricht ist beim Clusterbüro eingegangen.').waitFor();
    const [mail] = await sink.waitFor(
      (mails) => mails.some((m) => m.to.includes(OFFICE_EMAIL) && m.text.includes('Feedback 4711')),
      20_000,
      'the feedback mail to the office',
    );
    const feedback = sink.to(OFFICE_EMAIL).find((m) => m.text.includes('Feedback 4711'))!;
    expect(mail).toBeDefined();
    expect(feedback.subject).toBe('Rückmeldung zur Barrierefreiheit');
    expect(feedback.text).toContain(message);
    expect(feedback.text).toContain('anonym');
    await context.close();
  });

  it('lets a signed-in person download their data and request erasure; the office executes it', async () => {
    const applicant = await createUser(t, { roles: ['applicant'], name: 'Marlene Datenreich' });
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.getByRole('link', { name: 'Meine Daten' }).click();
    await page.getByRole('heading', { name: 'Meine Daten', level: 1 }).waitFor();
    await shoot(page, 'my-data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Meine Daten herunterladen (JSON)' }).click(),
    ]);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(exported.userId).toBe(applicant.id);
    expect(exported.tables.users[0].name).toBe('Marlene Datenreich');

    await page.getByRole('button', { name: 'Löschung beantragen' }).click();
    // Without the confirmation box ticked the request is refused at the box, and nothing recorded.
    await page.getByLabel('Ich möchte, dass meine Daten gelöscht werden').waitFor();
    expect(
      await t.dataSource.query('SELECT id FROM erasure_requests WHERE user_id = $1', [applicant.id]),
    ).toEqual([]);
    await page.getByLabel('Ich möchte, dass meine Daten gelöscht werden').check();
    await page.getByRole('button', { name: 'Löschung beantragen' }).click();
    await page.getByText('Ihr Antrag auf Löschung ist beim Clusterbüro eingegangen.').waitFor();
    await context.close();

    const office = await person(browser, baseURL);
    await signIn(office.page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await office.page.goto('/office');
    await office.page.getByRole('link', { name: 'Datenschutz' }).first().click();
    await office.page.getByRole('heading', { name: 'Anträge auf Löschung' }).waitFor();
    expect(await office.page.locator('main').innerText()).toContain('Marlene Datenreich');
    await shoot(office.page, 'office-privacy');
    await office.page.getByLabel('Begründung').fill('Antrag der Person nach Art. 17 DSGVO');
    await office.page.getByRole('button', { name: 'Löschen (pseudonymisieren)' }).click();
    await office.page.getByText('Die Daten der Person sind gelöscht').waitFor();
    const main = await office.page.locator('main').innerText();
    expect(main).not.toContain('Marlene Datenreich');
    expect(main).toMatch(/Person [0-9A-F]{6}/);
    await office.context.close();
  });

  it('reads at phone width: the statement has no sideways scrolling', async () => {
    const { page, context } = await person(browser, baseURL, { width: 390 });
    await page.goto('/barrierefreiheit');
    await page.getByRole('heading', { name: 'Erklärung zur Barrierefreiheit', level: 1 }).waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('takes feedback through the API too: refused at the field when empty, 5 an hour per address, then 429', async () => {
    const empty = await t.http().post('/api/accessibility-feedback').send({ message: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'message' })]);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await t
            .http()
            .post('/api/accessibility-feedback')
            .send({ message: `Barriere ${i}`, contact: 'a@b.example' })
        ).status,
      );
    expect(statuses.at(-1)).toBe(429);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM accessibility_feedback');
    expect(n).toBe(5); // the page's message and four of these
    expect(statuses.filter((s) => s === 202)).toHaveLength(4);
  });
});
