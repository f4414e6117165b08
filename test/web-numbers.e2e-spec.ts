import type { Browser } from 'playwright-core';
import {
  assigned,
  assignmentAction,
  auth,
  createDraft,
  createOpenCall,
  createUser,
  eligibleProposal,
  fullScores,
  registerApplicant,
  TestUser,
} from './support/factories';
import { awaitingDecision, createReviewers } from './support/seed-reviews';
import { startTestApp, TestApp } from './support/test-app';
import { launchBrowser, listen, person, signIn } from './web-browser';

/** Issue 13, acceptance 1: numbers typed the German way are read the German way, or refused at the field. */
// Each person signs in (argon2id on purpose slow).
jest.setTimeout(240_000);

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('pages: German numbers in and out', () => {
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
    applicant = await registerApplicant(t);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const storedFunding = async (id: string): Promise<number> =>
    (await t.http().get(`/api/proposals/${id}`).set(auth(applicant.token))).body.requestedFundingEur;

  it('reads 180.000 as hundred and eighty thousand euros and shows 180.000 € back', async () => {
    const draft = await createDraft(t, applicant, callId);
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.goto(`/proposals/${draft.id}/edit`);
    const funding = page.getByLabel('Beantragte Förderung (EUR)');
    expect(await funding.inputValue()).toBe('250.000');
    await funding.fill('180.000');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.getByText('Gespeichert').first().waitFor();
    expect(await storedFunding(draft.id)).toBe(180000);
    expect(await funding.inputValue()).toBe('180.000');
    await page.goto(`/proposals/${draft.id}`);
    expect(nbsp(await page.locator('main').innerText())).toContain('180.000 €');

    // Plain digits and a "€" typed along are read too.
    await page.goto(`/proposals/${draft.id}/edit`);
    await funding.fill('95000 €');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.getByText('Gespeichert').first().waitFor();
    expect(await storedFunding(draft.id)).toBe(95000);
    await context.close();
  });

  it.each([
    ['1.5', 'nicht eindeutig: Der Punkt trennt nur Tausender'],
    ['180,000', 'nicht eindeutig: Tausender trennt auf dieser Seite der Punkt'],
    ['180.000,50', 'muss eine ganze Zahl sein'],
  ])('refuses the ambiguous %s at the funding field with the reason, and keeps it', async (typed, reason) => {
    const draft = await createDraft(t, applicant, callId);
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.goto(`/proposals/${draft.id}/edit`);
    const funding = page.getByLabel('Beantragte Förderung (EUR)');
    await funding.fill(typed);
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    const error = page.locator('#f-requestedFundingEur-error');
    await error.waitFor();
    expect(await error.innerText()).toContain(reason);
    expect(await funding.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#form-summary').innerText()).toContain('Beantragte Förderung (EUR)');
    expect(await funding.inputValue()).toBe(typed);
    expect(await storedFunding(draft.id)).toBe(250000);
    await context.close();
  });

  it('saves 1,5 and 1.5 in a score field of step 0.5 both as 1.5', async () => {
    const reviewer = await createUser(t, { roles: ['reviewer'], expertise: ['battery'] });
    const proposalId = await eligibleProposal(t, applicant, callId);
    const assignmentId = await assigned(t, proposalId, reviewer.id);
    await assignmentAction(t, reviewer.token, assignmentId, 'accept').expect(200);
    const storedScore = async () =>
      (await t.http().get(`/api/assignments/${assignmentId}/review`).set(auth(reviewer.token))).body.scores
        .scientific_quality;

    const { page, context } = await person(browser, baseURL);
    await signIn(page, reviewer.email, reviewer.password);
    await page.goto(`/assignments/${assignmentId}/review`);
    const quality = page.getByLabel('Wissenschaftliche Qualität');
    for (const typed of ['1,5', '1.5']) {
      await quality.fill(typed);
      await page.getByRole('button', { name: 'Entwurf speichern' }).click();
      await page.waitForURL(/flash=/);
      expect(await storedScore()).toBe(1.5);
      expect(await quality.inputValue()).toBe('1,5');
      await page.goto(`/assignments/${assignmentId}/review`);
    }

    // Not a number at all: refused at that criterion, the stored score untouched.
    await quality.fill('gut');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.locator('#f-scores-scientific_quality-error').waitFor();
    expect(await page.locator('#f-scores-scientific_quality-error').innerText()).toContain('ist keine Zahl');
    expect(await storedScore()).toBe(1.5);
    await context.close();
  });

  it('the chair types the granted funding as 160.000 and the decision reads 160.000 €', async () => {
    const reviewers = await createReviewers(t, 3);
    const chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz Zahl' });
    const member = await createUser(t, { roles: ['steering'], name: 'Mitglied Zahl' });
    const id = await eligibleProposal(t, applicant, callId);
    await awaitingDecision(
      t,
      id,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4), commentToApplicant: 'Gut.' })),
    );
    for (const voter of [chair, member]) {
      await t
        .http()
        .put(`/api/proposals/${id}/vote`)
        .set(auth(voter.token))
        .send({ vote: 'approve' })
        .expect(200);
    }
    const { page, context } = await person(browser, baseURL);
    await signIn(page, chair.email, chair.password);
    await page.goto(`/proposals/${id}`);
    await page.getByLabel('Ergebnis').selectOption('approved');
    await page.getByLabel(/Bewilligte Förderung/).fill('160.000');
    await page.getByLabel('Begründung (für die Antragstellenden)').fill('Passt gut.');
    await page.getByRole('button', { name: 'Entscheidung festhalten' }).click();
    await page.waitForURL(/flash=/);
    const decisions = await t.dataSource.query(
      'SELECT granted_funding_eur FROM decisions WHERE proposal_id = $1',
      [id],
    );
    expect(decisions).toEqual([{ granted_funding_eur: 160000 }]);
    expect(nbsp(await page.locator('main').innerText())).toContain('160.000 €');
    await context.close();
  });
});
