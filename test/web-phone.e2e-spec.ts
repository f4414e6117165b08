import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, DemoResult, seedDemo } from '../scripts/demo';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { midWordBreaks, tableCellProblems } from './support/phone-layout-checks';
import { launchBrowser, listen, person, signIn } from './web-browser';

/**
 * On a 390 px phone the tables of the demo's pages become labelled cards: every cell's content lies
 * inside the screen (nothing cut off, nothing hidden behind a sideways scroll), every cell shows its
 * column's name, and long title words break at a syllable (with a hyphen), never mid-word.
 * At 1280 px the same tables stay tables.
 */
// Several people sign in (argon2id on purpose slow) on pages filled with the demo data.
jest.setTimeout(240_000);

const PHONE = 390;
describe('pages on a phone: tables as labelled cards, titles hyphenated at syllables', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let demo: DemoResult;

  beforeAll(async () => {
    t = await startTestApp();
    demo = await seedDemo(t.app);
    baseURL = await listen(t);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Opens the page at phone width and checks every table cell; answers how many it checked. */
  async function checkPhone(page: Page, path: string | null, name: string): Promise<number> {
    await page.setViewportSize({ width: PHONE, height: 844 });
    if (path) expect((await page.goto(path))?.status()).toBe(200);
    const cells = page.locator('main table tbody').locator('td, th');
    const count = await cells.count();
    for (let i = 0; i < count; i++) {
      const cell = cells.nth(i);
      expect({ page: name, cell: i, visible: await cell.isVisible() }).toEqual({
        page: name,
        cell: i,
        visible: true,
      });
      const box = (await cell.boundingBox())!;
      expect({ page: name, cell: i, inside: box.x >= 0 && box.x + box.width <= PHONE }).toEqual({
        page: name,
        cell: i,
        inside: true,
      });
    }
    expect({ page: name, problems: await page.evaluate(tableCellProblems) }).toEqual({
      page: name,
      problems: [],
    });
    expect({ page: name, midWord: await page.evaluate(midWordBreaks) }).toEqual({ page: name, midWord: [] });
    return count;
  }

  /** At desktop width the first table of the page is still laid out as a table. */
  async function checkDesktopTable(page: Page): Promise<void> {
    await page.setViewportSize({ width: 1280, height: 900 });
    const display = await page.evaluate(
      "getComputedStyle(document.querySelector('main table tbody tr')).display",
    );
    expect(display).toBe('table-row');
  }

  it('ranking: rank, title, total, criteria, flags, votes and funding line all on the card', async () => {
    const { page, context } = await person(browser, baseURL, { width: PHONE });
    await signIn(page, demo.emails.chair, DEMO_PASSWORD);
    // Seven labelled cells per row since the funding line column (issue 16).
    expect(await checkPhone(page, `/calls/${demo.callId}/ranking`, 'ranking')).toBe(4 * 7);
    // The votes column was the last one, the first cut off before.
    const votes = page.locator('table.ranking tbody tr').first().getByText('Bewilligen').first();
    expect(await votes.isVisible()).toBe(true);
    await checkDesktopTable(page);
    await checkPhone(page, `/proposals/${demo.proposals.DIRECAT}`, 'steering proposal');
    await context.close();
  });

  it('"Meine Anträge" of an applicant', async () => {
    const { page, context } = await person(browser, baseURL, { width: PHONE });
    await signIn(page, demo.emails.REBAT, DEMO_PASSWORD);
    expect(await checkPhone(page, '/proposals', 'my proposals')).toBeGreaterThanOrEqual(4);
    await checkDesktopTable(page);
    await context.close();
  });

  it("the office's proposal list, calls, overdue reviews and mail log", async () => {
    const { page, context } = await person(browser, baseURL, { width: PHONE });
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    const proposals = await checkPhone(page, '/office/proposals', 'office proposals');
    expect(proposals).toBe(5 * (await page.locator('main table tbody tr').count()));
    await checkDesktopTable(page);
    await checkPhone(page, '/office', 'office calls');
    await checkPhone(page, '/office/overdue', 'office overdue');
    await checkPhone(page, '/office/mails', 'office mails');
    await checkPhone(page, `/office/calls/${demo.callId}/assign`, 'office assign');
    await page.getByRole('button', { name: 'Vorschau berechnen' }).click();
    await page.locator('#preview-h').waitFor();
    await checkPhone(page, null, 'office assign preview');
    await checkPhone(page, '/office/calls/new', 'office call rubric');
    await context.close();
  });

  it('the reviews to write and the review form', async () => {
    // Who still has a review to write depends on the demo's assignment run: ask the database.
    const [writer]: { email: string }[] = await t.dataSource.query(
      `SELECT u.email FROM assignments a JOIN users u ON u.id = a.reviewer_id
        WHERE a.state = 'accepted'
        ORDER BY EXISTS (SELECT 1 FROM assignments d WHERE d.reviewer_id = u.id AND d.state = 'submitted') DESC,
                 u.email
        LIMIT 1`,
    );
    const { page, context } = await person(browser, baseURL, { width: PHONE });
    await signIn(page, writer.email, DEMO_PASSWORD);
    expect(await checkPhone(page, '/reviewer', 'reviews to write')).toBeGreaterThanOrEqual(3);
    await checkDesktopTable(page);
    await page.setViewportSize({ width: PHONE, height: 844 });
    await page.getByRole('link', { name: 'Gutachten schreiben' }).first().click();
    await page.waitForURL(/\/assignments\/.+\/review$/);
    // The title heading ("Gutachten: Hybride Leichtbaustrukturen …") needs two lines or more.
    expect((await page.locator('h1').boundingBox())!.height).toBeGreaterThan(80);
    await checkPhone(page, null, 'review form');
    await page.goto('/reviewer');
    await page.locator('#done-h + ul a').first().click();
    await page.waitForURL(/\/assignments\/.+\/review$/);
    await checkPhone(page, null, 'submitted review');
    await context.close();
  });

  it('the proposal form with its partner rows', async () => {
    const { page, context } = await person(browser, baseURL, { width: PHONE });
    await signIn(page, demo.emails.DRYCOAT, DEMO_PASSWORD);
    expect(
      await checkPhone(page, `/proposals/${demo.proposals.DRYCOAT}/edit`, 'proposal form'),
    ).toBeGreaterThan(0);
    await context.close();
  });
});
