import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { createOpenCall, createUser } from './support/factories';
import { SmtpSink } from './support/smtp-sink';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person, shoot, signIn } from './web-browser';

jest.setTimeout(180_000);

const LINK = /http:\/\/beirat\.test(\/set-password\/[A-Za-z0-9_-]{43})/;
const codeAt = (secret: string, offsetS = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetS });

/** Issue 14 in the browser: forgot password, set password, my profile with a second factor, user administration. */
describe('pages: accounts', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await startTestApp({
      WORKERS: 'on',
      SMTP_URL: sink.url,
      TOTP_ENCRYPTION_KEY: 'page-test-key-of-at-least-32-bytes!!',
      REQUIRE_TOTP_FOR: 'steering',
    });
    baseURL = await listen(t);
    browser = await launchBrowser();
  });
  afterEach(expectAccessiblePages);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.stop();
  });

  it('"Passwort vergessen" from the login page mails a link whose page sets the password (then refused a second time)', async () => {
    const user = await createUser(t, { roles: ['applicant'], name: 'Paula Passwort' });
    const { page, context } = await person(browser, baseURL);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
    await page.getByRole('heading', { name: 'Passwort vergessen' }).waitFor();
    await page.getByLabel('E-Mail-Adresse').fill(user.email);
    await page.getByRole('button', { name: 'Link anfordern' }).click();
    await page.getByText('ist eine Mail mit einem Link unterwegs').waitFor();

    const mail = await sink.next(user.email);
    const link = LINK.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByLabel('Neues Passwort').fill('ein-neues-passwort');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.getByText('Ihr Passwort ist gespeichert').waitFor();
    await signIn(page, user.email, 'ein-neues-passwort');
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).innerText()).toContain('Mein Profil');

    await page.goto(link!);
    await page.getByText('Dieser Link gilt nicht mehr').waitFor();
    await context.close();
  });

  it('the set-password page in English on a phone', async () => {
    const user = await createUser(t, { roles: ['reviewer'] });
    await t.http().post('/api/auth/password-reset').send({ email: user.email });
    const link = LINK.exec((await sink.next(user.email)).text)![1];
    const { page, context } = await person(browser, baseURL, { locale: 'en-GB', width: 390 });
    await page.goto(`/lang/en?back=${encodeURIComponent(link)}`);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    expect(overflow).toBe(false);
    await context.close();
  });

  it('the office invites, edits and re-invites a person on the user administration', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await page.goto('/office/users');
    await page.getByRole('heading', { name: 'Personen', exact: true }).waitFor();
    await page.getByLabel('E-Mail-Adresse').fill('b.berger@uni.example');
    await page.getByLabel('Name', { exact: true }).fill('Bea Berger');
    await page.getByLabel('Organisation').fill('Universität Beispiel');
    await page.getByLabel('Beirat (Gutachter*in)').check();
    await page.getByLabel('Fachgebiete').fill('battery, recycling');
    await page.getByRole('button', { name: 'Einladen' }).click();
    await page.getByText('Die Einladung ist verschickt.').waitFor();
    const row = page.getByRole('row', { name: /Bea Berger/ });
    expect(await row.innerText()).toContain('eingeladen');
    const first = await sink.next('b.berger@uni.example');
    expect(first.subject).toBe('Einladung zu Beirat: Bitte legen Sie Ihr Passwort fest');
    await shoot(page, 'user-administration');

    await page.getByRole('link', { name: 'Bea Berger' }).click();
    await page.getByRole('heading', { name: 'Person bearbeiten: Bea Berger' }).waitFor();
    await page.getByLabel('Steuerungsgruppe').check();
    await page.getByLabel('Vorsitz', { exact: true }).check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Gespeichert.').waitFor();
    const [saved] = await t.dataSource.query('SELECT roles, chair FROM users WHERE email = $1', [
      'b.berger@uni.example',
    ]);
    expect(saved).toEqual({ roles: ['reviewer', 'steering'], chair: true });

    await page.getByRole('button', { name: 'Einladung erneut senden' }).click();
    await page.getByText('Die Einladung ist verschickt.').waitFor();
    const second = await sink.next('b.berger@uni.example', 1);
    expect(LINK.exec(second.text)![1]).not.toBe(LINK.exec(first.text)![1]);
    await context.close();
  });

  it('my profile: details, a lower load for a call, and a second factor with QR code and recovery codes', async () => {
    const call = await createOpenCall(t);
    const user = await createUser(t, { roles: ['reviewer'], name: 'Rolf Reviewer', expertise: ['battery'] });
    const { page, context } = await person(browser, baseURL);
    await signIn(page, user.email, user.password);
    await page.getByRole('link', { name: 'Mein Profil' }).click();
    await page.getByRole('heading', { name: 'Mein Profil' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Rolf R. Reviewer');
    await page.getByLabel('Fachgebiete').fill('battery, hydrogen');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page.getByText('Gespeichert.').waitFor();

    await page.getByLabel('Meine Höchstzahl').fill('1');
    await page.getByRole('button', { name: 'Höchstzahl speichern' }).click();
    await page.getByText('Ihre Höchstzahl für diese Ausschreibung ist gespeichert.').waitFor();
    const [load] = await t.dataSource.query('SELECT max_load FROM reviewer_capacities WHERE call_id = $1', [
      call.id,
    ]);
    expect(load.max_load).toBe(1);
    const [me] = await t.dataSource.query('SELECT name, expertise FROM users WHERE id = $1', [user.id]);
    expect(me).toEqual({ name: 'Rolf R. Reviewer', expertise: ['battery', 'hydrogen'] });

    await page.getByRole('button', { name: 'Zweiten Faktor einrichten' }).click();
    await page.getByRole('img', { name: 'QR-Code zum Einrichten der Authenticator-App' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await page.getByLabel('Code aus der App').fill('000000');
    await page.getByRole('button', { name: 'Einschalten' }).click();
    expect(await page.locator('#f-code-error').innerText()).toContain('Der Code stimmt nicht.');
    await page.getByLabel('Code aus der App').fill(await codeAt(secret));
    await page.getByRole('button', { name: 'Einschalten' }).click();
    await page.getByRole('heading', { name: 'Ihre Wiederherstellungscodes' }).waitFor();
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await shoot(page, 'profile');

    // Signing in again now asks for the code.
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.goto('/login');
    await page.getByLabel('E-Mail-Adresse').fill(user.email);
    await page.getByLabel('Passwort').fill(user.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByLabel('Code des zweiten Faktors').waitFor();
    await page.getByLabel('E-Mail-Adresse').fill(user.email);
    await page.getByLabel('Passwort').fill(user.password);
    await page.getByLabel('Code des zweiten Faktors').fill(await codeAt(secret, 30));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await context.close();
  });

  it('REQUIRE_TOTP_FOR=steering sends a steering member to the enrolment before anything else', async () => {
    const member = await createUser(t, { roles: ['steering'] }).catch(() => null);
    // createUser signs in through the API, which is allowed; the pages then only offer the enrolment.
    expect(member).not.toBeNull();
    const { page, context } = await person(browser, baseURL);
    await signIn(page, member!.email, member!.password);
    await page.goto('/steering');
    await page.waitForURL(/\/profile/);
    await page.getByText('Für Ihre Rolle ist ein zweiter Faktor vorgeschrieben').waitFor();
    expect(await page.getByRole('button', { name: 'Passwort ändern' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Zweiten Faktor einrichten' }).click();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await page.getByLabel('Code aus der App').fill(await codeAt(secret));
    await page.getByRole('button', { name: 'Einschalten' }).click();
    await page.getByRole('heading', { name: 'Ihre Wiederherstellungscodes' }).waitFor();
    await page.goto('/steering');
    expect(new URL(page.url()).pathname).toBe('/steering');
    await context.close();
  });
});
