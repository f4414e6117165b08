import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { auth, fire, registerApplicant, TestUser, uploadPdf } from './support/factories';
import { awaitingDecision, createReviewers } from './support/seed-reviews';
import { startTestApp, TestApp, OFFICE_EMAIL, OFFICE_PASSWORD } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person, shoot, signIn } from './web-browser';

/** Issue 15, acceptance 3 and 5: the question editor, the outline form with budget table, the screening findings. */
jest.setTimeout(240_000);

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const berlinInput = (ms: number) => {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms));
  return parts.replace(' ', 'T');
};

describe('pages: two-stage call, questions and budgets', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let applicant: TestUser;
  let callId: string;
  let proposalId: string;

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
    applicant = await registerApplicant(t);
  });
  afterEach(expectAccessiblePages);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the office edits questions in rows like the rubric and sets up a two-stage call', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await page.goto('/office/calls/new');
    await page.getByLabel('Titel', { exact: true }).fill('Zweistufig mit Fragen');
    await page.getByLabel('Themen (eines je Zeile)').fill('battery\nlightweight');
    await page.getByLabel('Verfahren').selectOption('two-stage');
    await page.getByLabel('Frist für Projektskizzen').fill(berlinInput(Date.now() + 7 * 86_400_000));
    await page.getByLabel('Frist für Vollanträge').fill(berlinInput(Date.now() + 30 * 86_400_000));
    await page.getByLabel('Frage 1 (de)').fill('Wird das Projekt in der Metropolregion durchgeführt?');
    await page.getByLabel('Frage 1 (en)').fill('Is the project carried out in the region?');
    await page.getByLabel('Art 1').selectOption('boolean');
    await page.getByLabel('Pflicht 1').selectOption('yes');
    await page.getByLabel('Förderfähig bei 1').fill('ja');
    // The outline rubric, in rows like the rubric's (its labels say "Skizze").
    await page.getByLabel('Bezeichnung (de) Skizze 1').fill('Relevanz');
    await page.getByLabel('Bezeichnung (en) Skizze 1').fill('Relevance');
    for (const [field, value] of [
      ['Gewicht', '1'],
      ['Min', '0'],
      ['Max', '5'],
      ['Schritt', '0,5'],
      ['Schwelle', '3'],
    ])
      await page.getByLabel(`${field} Skizze 1`, { exact: true }).fill(value);
    await shoot(page, 'question-editor');
    await page.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page
      .getByText('Die Ausschreibung ist gespeichert.')
      .waitFor()
      .catch(async (error) => {
        throw new Error(`${String(error)}\n${await page.locator('main').innerText()}`);
      });
    callId = new URL(page.url()).pathname.split('/')[3];
    const call = (await t.http().get(`/api/calls/${callId}`).set(auth(t.officeToken))).body;
    expect(call).toMatchObject({ procedure: 'two-stage', outlineReviews: 2 });
    expect(call.outlineRubric).toEqual({
      criteria: [
        {
          key: 'relevance',
          label: { de: 'Relevanz', en: 'Relevance' },
          weight: 1,
          min: 0,
          max: 5,
          step: 0.5,
          threshold: 3,
        },
      ],
      overallThreshold: 3.5,
      disagreementDelta: 2,
    });
    // The full stage keeps its own (default) rubric.
    expect(call.rubric.criteria).toHaveLength(5);
    expect(call.questions).toEqual([
      {
        key: 'is_the_project_carried_out_in_the_region',
        label: {
          de: 'Wird das Projekt in der Metropolregion durchgeführt?',
          en: 'Is the project carried out in the region?',
        },
        type: 'boolean',
        required: true,
        eligibleIf: { equals: true },
      },
    ]);
    // The stored row comes back into the editor as it was typed.
    expect(await page.getByLabel('Förderfähig bei 1').inputValue()).toBe('ja');
    expect((await t.http().post(`/api/calls/${callId}/open`).set(auth(t.officeToken))).status).toBe(200);
    await page.goto(`/office/calls/${callId}`);
    expect(await page.getByLabel('Frage 1 (de)').count()).toBe(0);
    expect(await page.getByLabel('Bezeichnung (de) Skizze 1').count()).toBe(0);
    // Fixed once open: the outline rubric is shown, no longer edited.
    expect(await page.locator('main').innerText()).toContain('Bewertungsschema der Skizzen');
    expect(await page.locator('main').innerText()).toContain(
      'Wird das Projekt in der Metropolregion durchgeführt?',
    );
    await context.close();
  });

  it('the outline form: answers, the budget table whose sums update while typing, the 2,000 limit', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.goto(`/calls/${callId}/proposals/new`);
    await page.locator('#outline-hint').waitFor();
    expect(await page.getByLabel('Zusammenfassung').getAttribute('maxlength')).toBe('2000');
    await page.getByLabel('Titel', { exact: true }).fill('Skizze Leichtbau');
    await page.getByLabel('Zusammenfassung').fill('Kurze Skizze.');
    await page.getByLabel('Wird das Projekt in der Metropolregion durchgeführt?').selectOption('no');
    await page.getByLabel('Name 1').fill('Zulieferer GmbH');
    await page.getByLabel('Personal 1').fill('200.001');
    await page.getByLabel('Förderquote (%) 1').fill('50');
    // 200.001 € × 50 % = 100.000,50 € → 100.001 € (half up), computed by the server as one types.
    await page.locator('#budget-requested', { hasText: '100.001' }).waitFor();
    await page.getByLabel('Name 2').fill('TU Braunschweig');
    await page
      .getByLabel('Art 2', { exact: true })
      .selectOption('research')
      .catch(() => undefined);
    await page.getByLabel('Sachmittel 2').fill('10.000');
    await page.getByLabel('Förderquote (%) 2').fill('100');
    await page.locator('#budget-requested', { hasText: '110.001' }).waitFor();
    expect(nbsp(await page.locator('#budget-total-costs').innerText())).toBe('210.001 €');
    await shoot(page, 'budget-table');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page
      .getByText('Der Entwurf ist gespeichert', { exact: false })
      .first()
      .waitFor()
      .catch(() => undefined);
    await page.waitForURL(/\/proposals\/[0-9a-f-]+\/edit/);
    proposalId = new URL(page.url()).pathname.split('/')[2];
    const stored = (await t.http().get(`/api/proposals/${proposalId}`).set(auth(applicant.token))).body;
    expect(stored).toMatchObject({ stage: 'outline', round: 0, requestedFundingEur: 110_001 });
    expect(stored.answers).toEqual({ is_the_project_carried_out_in_the_region: false });
    // The applicant is warned before submitting.
    await page.locator('#findings').waitFor();
    await shoot(page, 'outline-form');
    // A rate above the research cap? 100 % is the cap; 101 % is refused at the field.
    await page.getByLabel('Förderquote (%) 2').fill('101');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.locator('[aria-invalid="true"]#f-partners-1-fundingRate').waitFor();
    await context.close();
  });

  it('the office sees the eligibleIf finding on the screening page', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    expect((await uploadPdf(t, applicant.token, proposalId, Buffer.from(await doc.save()))).status).toBe(201);
    const topics = await t
      .http()
      .patch(`/api/proposals/${proposalId}`)
      .set(auth(applicant.token))
      .send({ topics: ['battery'] });
    expect(topics.status).toBe(200);
    const submitted = await fire(t, applicant.token, proposalId, 'submit');
    expect([submitted.status, submitted.body.type]).toEqual([200, undefined]);
    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await page.goto(`/proposals/${proposalId}`);
    const findings = page.locator('#findings');
    await findings.waitFor();
    expect(await findings.innerText()).toContain(
      'Wird das Projekt in der Metropolregion durchgeführt?: nein',
    );
    expect(await page.locator('main').innerText()).toContain('Projektskizze');
    await shoot(page, 'screening-findings');
    await context.close();
  });

  it('the steering page ranks outlines and full proposals apart, with a switch between the stages', async () => {
    expect((await fire(t, t.officeToken, proposalId, 'screen-eligible')).status).toBe(200);
    const reviewers = await createReviewers(t, 2, 'Beirat');
    await awaitingDecision(
      t,
      proposalId,
      reviewers.map((reviewer) => ({ reviewer, scores: { relevance: 4 }, commentToApplicant: 'Gut.' })),
    );
    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    // Default: the full stage, where nothing is reviewed yet.
    await page.goto(`/calls/${callId}/ranking`);
    const nav = page.getByRole('navigation', { name: 'Stufe der Rangliste' });
    expect(await nav.getByRole('link', { name: 'Vollanträge' }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('main').innerText()).not.toContain('Skizze Leichtbau');
    await nav.getByRole('link', { name: 'Skizzen' }).click();
    await page.waitForURL(/stage=outline/);
    const table = page.locator('table.ranking');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('Skizze Leichtbau');
    expect(text).toContain('Relevanz');
    expect(text).not.toContain('Wissenschaftliche Qualität');
    expect(await nav.getByRole('link', { name: 'Skizzen' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('link', { name: /CSV/ }).getAttribute('href')).toBe(
      `/calls/${callId}/ranking.csv?stage=outline`,
    );
    await shoot(page, 'ranking-stages');
    const csv = await page.request.get(`/calls/${callId}/ranking.csv?stage=outline`);
    expect(csv.status()).toBe(200);
    const [header, ...rows] = (await csv.text()).trim().split(/\r?\n/);
    expect(header).toContain('relevance_mean');
    expect(rows).toHaveLength(1);
    await context.close();
  });
});
