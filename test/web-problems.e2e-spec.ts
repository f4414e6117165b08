import type { Browser, Page } from 'playwright-core';
import {
  createDraft,
  createOpenCall,
  createUser,
  eligibleProposal,
  fullScores,
  png,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, createReviewers } from './support/seed-reviews';
import { startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person, signIn } from './web-browser';

/** Refusals on German pages are worded from their problem code in German, never the API's English detail. */
// Each person signs in (argon2id on purpose slow); reviews are seeded through the API.
jest.setTimeout(240_000);

describe('pages: refusals in the page language', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let callId: string;
  let applicant: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
    callId = (await createOpenCall(t)).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
  });

  // axe-core (A, AA) on every page the test loaded: 0 violations.
  afterEach(expectAccessiblePages);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const summary = (page: Page) => page.locator('#form-summary');

  it('an upload that is not a PDF is refused in German', async () => {
    const draft = await createDraft(t, applicant, callId);
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.goto(`/proposals/${draft.id}/edit`);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    // A PNG under a PDF name and type: only the content tells.
    await page.getByLabel(/PDF-Datei/).setInputFiles({
      name: 'Antrag.pdf',
      mimeType: 'application/pdf',
      buffer: png(4096),
    });
    await page.getByRole('button', { name: 'PDF hochladen' }).click();
    await summary(page).waitFor();
    expect(await summary(page).innerText()).toBe(
      'Nicht ausgeführt: Es werden nur PDF-Dateien angenommen; diese Datei ist kein PDF.',
    );
    expect(await page.getByText('Only PDF files').count()).toBe(0);
    await context.close();
  });

  it('a decision without quorum is refused in German with the numbers of the vote', async () => {
    const reviewers = await createReviewers(t, 3);
    const chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz Weber' });
    for (const name of ['Mitglied Adler', 'Mitglied Brandt', 'Mitglied Conrad']) {
      await createUser(t, { roles: ['steering'], name, organisation: 'Hochschule' });
    }
    const id = await eligibleProposal(t, applicant, callId);
    await awaitingDecision(
      t,
      id,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4) })),
    );

    const { page, context } = await person(browser, baseURL);
    await signIn(page, chair.email, chair.password);
    await page.goto(`/proposals/${id}`);
    await page.getByText('Quorum fehlt').waitFor();
    await page.getByLabel('Ergebnis').selectOption('approved');
    await page.getByLabel(/Bewilligte Förderung/).fill('1000');
    await page.getByLabel('Begründung (für die Antragstellenden)').fill('Passt gut.');
    await page.getByRole('button', { name: 'Entscheidung festhalten' }).click();
    await summary(page).waitFor();
    expect(await summary(page).innerText()).toBe(
      'Nicht ausgeführt: Kein Quorum: 0 von 4 Mitgliedern der Steuerungsgruppe haben abgestimmt; mindestens 2 müssen es sein.',
    );
    expect(await page.getByText('No quorum').count()).toBe(0);
    await context.close();
  });
});
