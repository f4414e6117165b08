import type { Browser, Locator } from 'playwright-core';
import { auth } from './support/factories';
import { CONFLICTED_ACRONYM, meetingWorld, MeetingWorld } from './support/meeting-seed';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person, shoot, signIn } from './web-browser';

// Several people sign in (argon2id is slow on purpose) and four proposals are reviewed first.
jest.setTimeout(240_000);

const TABLET = 820;
const PHONE = 390;

describe('meeting pages: the office plans, the chair records on a tablet, a member reads on a phone', () => {
  let t: TestApp;
  let w: MeetingWorld;
  let browser: Browser;
  let baseURL: string;
  let meetingPath: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await meetingWorld(t);
    const en = await t
      .http()
      .patch(`/api/users/${w.conflicted.id}`)
      .set(auth(t.officeToken))
      .send({ locale: 'en' });
    expect(en.status).toBe(200);
    baseURL = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(expectAccessiblePages);

  /** Clicks a form's button and waits for the page it leads to (a 303 back to the meeting). */
  const submit = async (button: Locator) => {
    await Promise.all([button.page().waitForEvent('load'), button.click()]);
  };

  it('office: plans a meeting from the list and opens it', async () => {
    const { context, page } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await page.getByRole('link', { name: 'Sitzungen' }).first().click();
    await page.getByLabel('Titel').fill('Sitzung im Juli');
    await page.getByLabel('Beginn (Berliner Zeit)').fill('2027-07-01T10:00');
    await page.getByLabel('Ort').fill('Raum 1.12');
    await page.getByLabel('Mobilität 2030').check();
    await submit(page.getByRole('button', { name: 'Sitzung planen' }));
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}/);
    meetingPath = new URL(page.url()).pathname;
    expect(await page.getByRole('status').innerText()).toContain('Die Sitzung ist geplant');
    // 10:00 Berlin time as typed, shown back in Berlin time.
    expect(await page.locator('hgroup').innerText()).toContain('01.07.2027, 10:00');
    const headings = await page.locator('article.agenda-item h3').allTextContents();
    expect(headings[0]).toContain('STREIT');
    expect(headings[0]).toContain('strittig');
    await shoot(page, 'meeting-planned');
    await submit(page.getByRole('button', { name: 'Sitzung eröffnen' }));
    expect((await page.locator('hgroup .badge').innerText()).trim()).toBe('Läuft');
    await context.close();
  });

  it('chair: attendance, result and an override decision on a tablet', async () => {
    const { context, page } = await person(browser, baseURL, { width: TABLET });
    await signIn(page, w.chair.email, w.chair.password);
    await page.goto(meetingPath);
    for (const name of ['Vorsitz Weber', 'Mitglied Adler', 'Mitglied Brandt', 'Mitglied Dorn']) {
      await page.getByRole('checkbox', { name }).check();
    }
    await submit(page.getByRole('button', { name: 'Anwesenheit speichern' }));
    expect((await page.getByRole('status').innerText()).trim()).toBe('Gespeichert.');
    const item = page.locator(`#item-${w.proposals.controversial}`);
    expect(await item.innerText()).toContain('4 von 5 anwesend, nötig 3');
    await item.locator('summary').click();
    await item.getByLabel('Ja').fill('2');
    await item.getByLabel('Nein').fill('2');
    await submit(item.getByRole('button', { name: 'Ergebnis speichern' }));
    expect(await page.locator(`#item-${w.proposals.controversial}`).innerText()).toContain('Ja 2 · Nein 2');
    const again = page.locator(`#item-${w.proposals.controversial}`);
    await again.locator('summary').click();
    await again.getByLabel('Ergebnis', { exact: true }).selectOption('revision_requested');
    await again
      .getByLabel('Begründung (für die Antragstellenden)')
      .fill('Stimmengleichheit: bitte überarbeiten.');
    await again.getByLabel('Abweichend von der Mehrheit entscheiden (Begründung nötig)').check();
    await submit(again.getByRole('button', { name: 'Beschluss eintragen' }));
    expect(await page.locator(`#item-${w.proposals.controversial}`).innerText()).toContain(
      'gegen die Mehrheit',
    );
    // The conflicted item names who leaves the room.
    expect(await page.locator(`#item-${w.proposals.conflicted}`).innerText()).toContain('Verlassen den Raum');
    expect(await page.locator(`#item-${w.proposals.conflicted}`).innerText()).toContain('Mitglied Dorn');
    await shoot(page, 'meeting-chair');
    await context.close();
  });

  it('conflicted member (English by their account, phone): sees who leaves the room, records nothing, downloads the pack', async () => {
    const { context, page } = await person(browser, baseURL, { width: PHONE });
    await signIn(page, w.conflicted.email, w.conflicted.password);
    await page.goto(meetingPath);
    expect((await page.locator('h2#agenda-h').innerText()).trim()).toBe('Agenda');
    const item = page.locator(`#item-${w.proposals.conflicted}`);
    expect(await item.innerText()).toContain(CONFLICTED_ACRONYM);
    expect(await item.innerText()).toContain('Leave the room');
    expect(await page.getByText('Record', { exact: true }).count()).toBe(0);
    const pack = page.getByRole('link', { name: 'My meeting pack (PDF)' });
    const href = await pack.getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    await context.close();
  });
});
