import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { auth, fire, registerApplicant, TestUser, uploadPdf } from './support/factories';
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
});
