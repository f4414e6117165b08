import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import {
  auth,
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

/**
 * Issue 13, safe defaults: no vote or outcome is preselected, the granted funding is empty until the
 * chair types it, the decision form is disabled with its reason while the quorum is missing; the
 * ranking page links its CSV.
 */
/** The parts of a <select> read in the browser (the tests compile without the DOM types). */
interface SelectLike {
  selectedOptions: ArrayLike<{ textContent: string | null }>;
  validity: { valueMissing: boolean };
}

// Each person signs in (argon2id on purpose slow); reviews are seeded through the API.
jest.setTimeout(240_000);

describe('pages: safe defaults of the vote and the decision', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let callId: string;
  let proposalId: string;
  let chair: TestUser;
  let members: TestUser[];
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
    callId = (await createOpenCall(t)).id;
    const applicant = await registerApplicant(t, 'Zulieferer GmbH');
    const reviewers = await createReviewers(t, 3);
    chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz Weber' });
    members = [];
    for (const name of ['Mitglied Adler', 'Mitglied Brandt', 'Mitglied Conrad']) {
      members.push(await createUser(t, { roles: ['steering'], name, organisation: 'Hochschule' }));
    }
    proposalId = await eligibleProposal(t, applicant, callId);
    await awaitingDecision(
      t,
      proposalId,
      reviewers.map((reviewer) => ({ reviewer, scores: fullScores(4) })),
    );
    page = (await person(browser, baseURL)).page;
    await signIn(page, chair.email, chair.password);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const selected = (label: string) =>
    page.getByLabel(label).evaluate((s: SelectLike) => s.selectedOptions[0]?.textContent ?? '');

  it('without quorum: nothing preselected, the decision form disabled with the reason', async () => {
    await page.goto(`/proposals/${proposalId}`);
    await page.getByText('Quorum fehlt').waitFor();
    expect(await selected('Ihre Stimme')).toBe('Bitte wählen');
    expect(await page.getByLabel('Ihre Stimme').inputValue()).toBe('');
    expect(await page.getByLabel('Ihre Stimme').getAttribute('required')).not.toBeNull();
    // An empty vote is not sent: the browser holds the required select back.
    expect(await page.getByLabel('Ihre Stimme').evaluate((s: SelectLike) => s.validity.valueMissing)).toBe(
      true,
    );

    expect(await page.locator('#decision-form fieldset').getAttribute('disabled')).not.toBeNull();
    expect(await page.getByLabel('Ergebnis').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Entscheidung festhalten' }).isDisabled()).toBe(true);
    expect(await page.locator('#decision-blocked').innerText()).toBe(
      'Noch keine Entscheidung möglich: Es fehlt noch das Quorum (0 von 4 haben abgestimmt, nötig sind 2). Das Formular wird frei, sobald genug Mitglieder abgestimmt haben.',
    );
    expect(await page.locator('#decision-form fieldset').getAttribute('aria-describedby')).toBe(
      'decision-blocked',
    );
    expect(await selected('Ergebnis')).toBe('Bitte wählen');
    expect(await page.getByLabel(/Bewilligte Förderung/).inputValue()).toBe('');
  });

  it('with quorum: the form opens, still empty; an empty funding is refused, the typed one is kept', async () => {
    const vote = (member: TestUser) =>
      t.http().put(`/api/proposals/${proposalId}/vote`).set(auth(member.token)).send({ vote: 'approve' });
    expect((await vote(members[0])).status).toBe(200);

    // The chair's own vote: chosen, not preset; the page says what happens next.
    await page.goto(`/proposals/${proposalId}`);
    await page.getByLabel('Ihre Stimme').selectOption('approve');
    await page.getByRole('button', { name: 'Stimme abgeben' }).click();
    await page
      .getByText(
        'Ihre Stimme ist gespeichert. Sie können sie bis zur Entscheidung ändern; der Vorsitz entscheidet, sobald genug Mitglieder abgestimmt haben.',
      )
      .waitFor();
    await page.getByText('Quorum erreicht').waitFor();
    expect(await page.locator('#decision-blocked').count()).toBe(0);
    expect(await page.locator('#decision-form fieldset').getAttribute('disabled')).toBeNull();
    expect(await page.getByLabel('Ergebnis').isDisabled()).toBe(false);
    expect(await selected('Ergebnis')).toBe('Bitte wählen');
    expect(await page.getByLabel(/Bewilligte Förderung/).inputValue()).toBe('');
    // The majority and the requested amount are hints, not values.
    await page.getByText('Mehrheit: Bewilligt').first().waitFor();
    await page.getByText('Beantragt: 250.000').waitFor();

    await page.getByLabel('Ergebnis').selectOption('approved');
    await page.getByLabel('Begründung (für die Antragstellenden)').fill('Passt gut.');
    await page.getByRole('button', { name: 'Entscheidung festhalten' }).click();
    await page.locator('#f-grantedFundingEur-error').waitFor();
    const [{ count }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM decisions WHERE proposal_id = $1',
      [proposalId],
    );
    expect(count).toBe(0);

    await page.getByLabel(/Bewilligte Förderung/).fill('200000');
    await page.getByRole('button', { name: 'Entscheidung festhalten' }).click();
    await page
      .getByText(
        'Die Entscheidung ist festgehalten: bewilligt. Die Antragstellenden erhalten den Bescheid mit der Fördersumme und den Hinweisen der Gutachter*innen per E-Mail.',
      )
      .waitFor();
    const [decision] = await t.dataSource.query(
      'SELECT outcome, granted_funding_eur AS granted FROM decisions WHERE proposal_id = $1',
      [proposalId],
    );
    expect(decision).toEqual({ outcome: 'approved', granted: 200000 });
  });

  it('the ranking page links the CSV, which downloads the API CSV', async () => {
    await page.goto(`/calls/${callId}/ranking`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Rangliste als CSV herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ranking-${callId}-full.csv`);
    const csv = await readFile((await download.path()) as string, 'utf8');
    const api = await t
      .http()
      .get(`/api/calls/${callId}/ranking`)
      .set(auth(chair.token))
      .set('Accept', 'text/csv');
    expect(api.status).toBe(200);
    expect(csv).toBe(api.text);
    expect(csv.split('\r\n')[0]).toMatch(/^rank,proposalId,title,/);
    expect(csv).toContain(proposalId);
  });
});
