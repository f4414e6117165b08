import type { Browser } from 'playwright-core';
import { ActionTokensService } from '@/review/action-tokens.service';
import { startTestApp, TestApp } from './support/test-app';
import {
  assigned,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
} from './support/factories';
import { expectAccessiblePages, launchBrowser, listen, person, shoot } from './web-browser';

describe('pages: one-click invitation answers in the site layout, with a link onward', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let callId: string;
  let proposalId: string;

  /** A fresh assignment of a new reviewer and a link token for it. */
  async function invitation(purpose: 'accept-invitation' | 'decline-invitation', locale = 'de') {
    const reviewer = await createUser(t, { roles: ['reviewer'], organisation: 'Beirat', locale });
    const assignmentId = await assigned(t, proposalId, reviewer.id);
    const token = await t.app.get(ActionTokensService).issue(t.dataSource.manager, {
      purpose,
      userId: reviewer.id,
      assignmentId,
      ttlMs: 86_400_000,
    });
    return { assignmentId, token };
  }

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
    callId = (await createOpenCall(t)).id;
    proposalId = await eligibleProposal(t, await registerApplicant(t), callId);
  });
  // axe-core (A, AA) on every page the test loaded: 0 violations.
  afterEach(expectAccessiblePages);

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('accepts in German, then leads to the review; a spent link leads to sign-in', async () => {
    const { assignmentId, token } = await invitation('accept-invitation');
    const { context, page } = await person(browser, baseURL);
    await page.goto(`/actions/${token}`);
    await page.getByRole('heading', { name: 'Einladung zur Begutachtung' }).waitFor();
    // The normal layout: site header and stylesheet like every other page.
    await page.locator('header.site-header').waitFor();
    expect(await page.locator('link[href="/assets/app.css"]').count()).toBe(1);
    await shoot(page, 'invitation-accept');
    await page.getByRole('button', { name: 'Ja, ich übernehme die Begutachtung' }).click();
    await page.getByText('Vielen Dank!').waitFor();
    expect(await page.getByRole('button', { name: 'Zum Gutachten' }).getAttribute('href')).toBe(
      `/assignments/${assignmentId}/review`,
    );

    const spent = await page.goto(`/actions/${token}`);
    expect(spent?.status()).toBe(404);
    await page.getByText('Dieser Link ist nicht mehr gültig').waitFor();
    expect(await page.getByRole('link', { name: 'Zur Anmeldung' }).getAttribute('href')).toBe('/login');
    await context.close();
  });

  it('asks an English invitee in English before declining', async () => {
    const { token } = await invitation('decline-invitation', 'en');
    const { context, page } = await person(browser, baseURL);
    await page.goto(`/actions/${token}`);
    await page.getByRole('heading', { name: 'Invitation to review' }).waitFor();
    await page.getByLabel('Reason (for the office)').fill('No time this month.');
    await shoot(page, 'invitation-decline');
    await page.getByRole('button', { name: 'Decline the review' }).click();
    await page.getByText('You have declined the review').waitFor();
    await context.close();
  });
});
