import type { Browser, Page } from 'playwright-core';
import { expectAccessiblePages, launchBrowser, listen, person, shoot, signIn } from './web-browser';
import {
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  fullScores,
  registerApplicant,
  TestUser,
} from './support/factories';
import { seedReviews } from './support/seed-reviews';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(240_000);

/** Issue 16 pages: consensus report (office, rapporteur, co-reviewers), funding line, letters; axe-clean, phone width. */
describe('pages: consensus, funding line and letters', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let callId: string;
  let applicant: TestUser;
  let reviewers: TestUser[];
  let chair: TestUser;
  let p1: string;
  let p2: string;

  async function fitsPhone(page: Page, name: string): Promise<void> {
    expect(await page.locator('h1').count()).toBe(1);
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
    await page.setViewportSize({ width: 1280, height: 900 });
    await shoot(page, name);
  }

  async function as(user: { email: string; password: string }) {
    const session = await person(browser, baseURL);
    await signIn(session.page, user.email, user.password);
    return session;
  }

  beforeAll(async () => {
    t = await startTestApp();
    callId = (
      await createOpenCall(t, {
        consensus: true,
        budgetEur: 400_000,
        releaseDecisions: 'batch',
        title: 'Mobilität 2030 – Konsens',
      })
    ).id;
    applicant = await registerApplicant(t);
    reviewers = [];
    for (const name of ['Dr. Anna Berg', 'Prof. Jens Ohm', 'Dr. Lea Kraft'])
      reviewers.push(
        await createUser(t, { roles: ['reviewer'], name, organisation: `Uni ${name.slice(-4)}` }),
      );
    chair = await createUser(t, {
      roles: ['steering'],
      chair: true,
      organisation: 'Stadtwerke',
      name: 'Vorsitz',
    });
    p1 = await eligibleProposal(t, applicant, callId, {
      ...COMPLETE_PROPOSAL,
      title: 'Leichtbau-Gehäuse für Batteriezellen',
    });
    p2 = await eligibleProposal(t, applicant, callId, {
      ...COMPLETE_PROPOSAL,
      title: 'Wasserstoff-Logistik im Hafen',
      acronym: 'H2HAFEN',
      requestedFundingEur: 300_000,
    });
    await seedReviews(
      t,
      p1,
      [4, 5, 4.5].map((v, i) => ({ reviewer: reviewers[i], scores: fullScores(v) })),
    );
    await seedReviews(
      t,
      p2,
      [4, 4, 4].map((v, i) => ({ reviewer: reviewers[i], scores: fullScores(v) })),
    );
    baseURL = await listen(t);
    browser = await launchBrowser();
  });

  afterEach(expectAccessiblePages);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the office names the rapporteur; the rapporteur drafts from the pre-filled means and submits', async () => {
    const office = await as({ email: 'office@beirat.test', password: 'office-password-1' });
    await office.page.goto(`/proposals/${p1}`);
    await office.page.locator('#consensus-link').click();
    await office.page.waitForURL(`**/proposals/${p1}/consensus`);
    await fitsPhone(office.page, 'consensus-office');
    await office.page.getByLabel('Berichterstatter*in').selectOption({ label: 'Dr. Anna Berg' });
    await office.page.getByRole('button', { name: 'Berichterstatter*in benennen' }).click();
    await office.page.waitForURL(/flash=next\.rapporteurNamed/);
    await office.context.close();

    const rapporteur = await as(reviewers[0]);
    await rapporteur.page.goto(`/proposals/${p1}/consensus`);
    expect(await rapporteur.page.getByLabel('Innovationsgrad').inputValue()).toBe('4,5');
    await fitsPhone(rapporteur.page, 'consensus-rapporteur');
    for (const label of [
      'Wissenschaftliche Qualität',
      'Innovationsgrad',
      'Machbarkeit',
      'Transfer',
      'Nutzen für KMU',
    ])
      await rapporteur.page.getByLabel(label).fill('3,5');
    await rapporteur.page
      .getByLabel('Konsenstext an die Antragstellenden')
      .fill('Konsens: solide, der Transfer bleibt vage.');
    await rapporteur.page.getByRole('button', { name: 'Zur Zeichnung einreichen' }).click();
    await rapporteur.page.waitForURL(/flash=next\.consensusSubmitted/);
    expect(await rapporteur.page.locator('#consensus-state').textContent()).toBe('Zur Zeichnung');
    await rapporteur.context.close();
  });

  it('one co-reviewer signs, the other dissents with a minority view; the report is final', async () => {
    const agree = await as(reviewers[1]);
    await agree.page.goto(`/proposals/${p1}/consensus`);
    await fitsPhone(agree.page, 'consensus-sign');
    await agree.page.getByLabel('Ihre Antwort').selectOption('true');
    await agree.page.getByRole('button', { name: 'Zeichnen' }).click();
    await agree.page.waitForURL(/flash=next\.consensusSigned/);
    await agree.context.close();

    const dissent = await as(reviewers[2]);
    await dissent.page.goto(`/proposals/${p1}/consensus`);
    await dissent.page.getByLabel('Ihre Antwort').selectOption('false');
    await dissent.page.getByRole('button', { name: 'Zeichnen' }).click();
    // Without a minority view the form comes back with the reason at the field.
    await dissent.page.locator('#form-summary').waitFor();
    await dissent.page.getByLabel(/Minderheitsvotum/).fill('Die Machbarkeit ist höher zu bewerten.');
    await dissent.page.getByRole('button', { name: 'Zeichnen' }).click();
    await dissent.page.waitForURL(/flash=next\.consensusSigned/);
    expect(await dissent.page.locator('#consensus-state').textContent()).toBe('Abgeschlossen');
    await dissent.context.close();
    const state = await t.http().get(`/api/proposals/${p1}`).set(auth(t.officeToken));
    expect(state.body.state).toBe('awaiting_decision');
  });

  it('the ranking page draws the funding line and shows the budget left', async () => {
    // P2 through the API: consensus on its means, then decided; P1 decided too.
    await t
      .http()
      .put(`/api/proposals/${p2}/consensus/rapporteur`)
      .set(auth(t.officeToken))
      .send({ reviewerId: reviewers[1].id });
    await t
      .http()
      .put(`/api/proposals/${p2}/consensus`)
      .set(auth(reviewers[1].token))
      .send({ scores: fullScores(4), commentToApplicant: 'Gut.' });
    await t.http().post(`/api/proposals/${p2}/consensus/submit`).set(auth(reviewers[1].token));
    for (const r of [reviewers[0], reviewers[2]])
      await t.http().post(`/api/proposals/${p2}/consensus/sign`).set(auth(r.token)).send({ agree: true });
    for (const id of [p1, p2])
      expect(
        (await t.http().put(`/api/proposals/${id}/vote`).set(auth(chair.token)).send({ vote: 'approve' }))
          .status,
      ).toBe(200);
    const decided = await t
      .http()
      .post(`/api/proposals/${p2}/decision`)
      .set(auth(chair.token))
      .send({ outcome: 'approved', rationale: 'Stark im Transfer.', grantedFundingEur: 280_000 });
    expect(decided.status).toBe(201);

    const steering = await as(chair);
    await steering.page.goto(`/calls/${callId}/ranking`);
    // P2 (4.0, 300k) within; P1 (consensus 3.5, 250k → 550k) past the 400k line: reserve.
    await steering.page.locator('#funding-line').waitFor();
    expect(await steering.page.locator('#budget').textContent()).toContain('120.000');
    expect(await steering.page.locator('tr.line-reserve').count()).toBe(1);
    await fitsPhone(steering.page, 'ranking-funding-line');
    await steering.context.close();
  });

  it('the office previews the pending letter, adds a paragraph and releases', async () => {
    const office = await as({ email: 'office@beirat.test', password: 'office-password-1' });
    await office.page.goto(`/office/calls/${callId}/letters`);
    expect(await office.page.locator('.letter-preview').count()).toBe(1);
    expect(await office.page.locator('.letter-preview').textContent()).toContain('Stark im Transfer.');
    await office.page.getByLabel(/Persönlicher Absatz/).fill('Wir freuen uns auf das Auftakttreffen.');
    await office.page.getByRole('button', { name: 'Absatz speichern' }).click();
    await office.page.waitForURL(/flash=next\.paragraphSaved/);
    expect(await office.page.locator('.letter-preview').textContent()).toContain('Auftakttreffen');
    await fitsPhone(office.page, 'letters-office');
    await office.page.getByRole('button', { name: 'Alle Briefe freigeben und versenden' }).click();
    await office.page.waitForURL(/flash=next\.lettersReleased/);
    expect(await office.page.locator('#letters-count').textContent()).toBe(
      'Keine Briefe warten auf Freigabe.',
    );
    await office.context.close();
  });
});
