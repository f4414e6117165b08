import type { Browser, Page } from 'playwright-core';
import { EmailConfirmationsService } from '@/auth/email-confirmations.service';
import { ActionTokensService } from '@/review/action-tokens.service';
import { DEMO_PASSWORD, DemoResult, seedDemo } from '../scripts/demo';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person, shoot, signIn } from './web-browser';

/**
 * Every main page, filled with the demo data (`npm run demo`), opened by the role it is for: it renders,
 * has one h1 and the page language, and fits a 390 px phone without sideways scrolling (wide tables
 * scroll inside their own box). With SCREENSHOTS=docs/screenshots it also saves the screenshots of
 * the README.
 */
// A browser flow signs in several people (argon2id on purpose slow) and clicks through many pages.
jest.setTimeout(240_000);

describe('pages: each main page with realistic data, desktop and phone', () => {
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

  // axe-core (A, AA) on every page the test loaded: 0 violations.
  afterEach(expectAccessiblePages);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the demo sign-in table names roles and states as the pages do (issue 13)', () => {
    const table = demo.signIns.map((row) => row[0]).join('\n');
    expect(table).toContain('Steuerungsgruppe');
    expect(table).not.toMatch(/\b(office|applicant|reviewer|steering|revision_requested|in_review)\b/);
  });

  async function check(page: Page, path: string, name: string): Promise<void> {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await checkOpen(page, name);
  }

  async function checkOpen(page: Page, name: string): Promise<void> {
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
    await page.setViewportSize({ width: 1280, height: 900 });
    await shoot(page, name);
  }

  it('sign-in and registration', async () => {
    const { page, context } = await person(browser, baseURL);
    await check(page, '/login', 'sign-in');
    await check(page, '/register', 'registration');
    await context.close();
  });

  it('one-click invitation answer, registration sent, address confirmation', async () => {
    const { page, context } = await person(browser, baseURL);
    const [assignment]: { id: string; reviewerId: string }[] = await t.dataSource.query(
      `SELECT id, reviewer_id AS "reviewerId" FROM assignments ORDER BY created_at, id LIMIT 1`,
    );
    const answer = await t.app.get(ActionTokensService).issue(t.dataSource.manager, {
      purpose: 'decline-invitation',
      userId: assignment.reviewerId,
      assignmentId: assignment.id,
      ttlMs: 86_400_000,
    });
    await check(page, `/actions/${answer}`, 'reviewer-one-click-answer');

    await page.goto('/register');
    await page.fill('input[name=email]', 'neue.antragstellerin@example.test');
    await page.fill('input[name=password]', 'ein-langes-passwort');
    await page.fill('input[name=name]', 'Neue Antragstellerin');
    await page.fill('input[name=organisation]', 'Neue Zulieferer GmbH');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Registrieren' }).click(),
    ]);
    await checkOpen(page, 'registration-sent');

    const [newcomer]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM users WHERE name = 'Neue Antragstellerin'`,
    );
    const confirm = await t.app.get(EmailConfirmationsService).issue(newcomer.id);
    await check(page, `/confirm/${confirm}`, 'address-confirmation');
    await context.close();
  });

  it('applicant pages', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, demo.emails.REBAT, DEMO_PASSWORD);
    await check(page, '/', 'applicant-home');
    await check(page, '/proposals', 'applicant-proposals');
    await check(page, `/proposals/${demo.proposals.REBAT}`, 'applicant-decision');
    await context.close();
    const drafting = await person(browser, baseURL);
    await signIn(drafting.page, demo.emails.DRYCOAT, DEMO_PASSWORD);
    await check(drafting.page, `/proposals/${demo.proposals.DRYCOAT}/edit`, 'applicant-proposal-form');
    await drafting.context.close();
  });

  it('reviewer pages', async () => {
    // Who still has a review to write depends on the demo's assignment run: ask the database, so
    // the screenshots show the table of reviews to write and the review form.
    const [writer]: { email: string }[] = await t.dataSource.query(
      `SELECT u.email FROM assignments a JOIN users u ON u.id = a.reviewer_id
        WHERE a.state = 'accepted' ORDER BY u.email LIMIT 1`,
    );
    const { page, context } = await person(browser, baseURL);
    await signIn(page, writer.email, DEMO_PASSWORD);
    await check(page, '/reviewer', 'reviewer-invitations');
    await check(page, `/reviewer/calls/${demo.callId}`, 'reviewer-bids');
    await page.goto('/reviewer');
    await page.getByRole('link', { name: 'Gutachten schreiben' }).first().click();
    await page.waitForURL(/\/assignments\/.+\/review$/);
    await checkOpen(page, 'reviewer-review');
    await context.close();
  });

  it('steering pages', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, demo.emails.chair, DEMO_PASSWORD);
    await check(page, `/calls/${demo.callId}/ranking`, 'steering-ranking');
    expect(await page.locator('table.ranking tbody tr').count()).toBe(4);
    expect(await page.getByText('Abweichende Bewertungen').count()).toBeGreaterThan(0);
    await check(page, `/proposals/${demo.proposals.DIRECAT}`, 'steering-proposal');
    await page.locator('#decision-form').waitFor();
    await context.close();
  });

  it('office pages', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await check(page, '/office', 'office-calls');
    await check(page, '/office/calls/new', 'office-call-rubric');
    await check(page, '/office/proposals', 'office-proposals');
    await check(page, `/proposals/${demo.proposals['H2HOF']}`, 'office-screening');
    await check(page, `/office/calls/${demo.callId}/assign`, 'office-assign');
    await page.getByRole('button', { name: 'Vorschau berechnen' }).click();
    await page.locator('#preview-h').waitFor();
    await checkOpen(page, 'office-assign-preview');
    await check(page, '/office/overdue', 'office-overdue');
    await check(page, '/office/mails', 'office-mails');
    await check(page, '/office/organisations', 'office-organisations');
    await context.close();
  });
});
