import type { Browser, Page } from 'playwright-core';
import {
  auth,
  createDraft,
  createOpenCall,
  createUser,
  eligibleProposal,
  fire,
  fullScores,
  pdf,
  registerApplicant,
  TestUser,
  uploadPdf,
} from './support/factories';
import { awaitingDecision, createReviewers, seedReviews } from './support/seed-reviews';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { launchBrowser, listen, person, signIn } from './web-browser';

/**
 * Issue 13, dead ends: after every action the page says what happens next and who is told; pages
 * show only the sections the proposal's state allows; the office reopens a review and declares a
 * conflict for any board member from the proposal page.
 */
// Each person signs in (argon2id on purpose slow); reviews are seeded through the API.
jest.setTimeout(240_000);

describe('pages: next steps, sections by state, the office review tools', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let callId: string;
  let applicant: TestUser;
  let reviewers: TestUser[];
  let steeringMember: TestUser;
  let office: Page;

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
    callId = (await createOpenCall(t)).id;
    applicant = await registerApplicant(t, 'Zulieferer GmbH');
    reviewers = await createReviewers(t, 3, 'Hochschule Nord');
    steeringMember = await createUser(t, {
      roles: ['steering'],
      chair: true,
      name: 'Dr. Petra Lorenz',
      organisation: 'Clusterverband',
    });
    office = (await person(browser, baseURL)).page;
    await signIn(office, OFFICE_EMAIL, OFFICE_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const flash = (page: Page) => page.locator('p.flash').innerText();
  const headings = (page: Page) => page.locator('main h2').allInnerTexts();

  it('the applicant is told the next step after creating, uploading and submitting', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.goto(`/calls/${callId}/proposals/new`);
    expect(await page.locator('#steps-hint').innerText()).toContain(
      'Danach laden Sie auf der nächsten Seite die PDF-Datei des Antrags hoch (Schritt 2)',
    );
    await page.getByLabel('Titel', { exact: true }).fill('Sensorik für Batterierecycling');
    await page.getByLabel('Zusammenfassung').fill('Zellen sortenrein erkennen, bevor sie zerlegt werden.');
    await page.getByLabel('battery').check();
    await page.getByLabel('Beantragte Förderung (EUR)').fill('90000');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.waitForURL(/\/proposals\/[0-9a-f-]{36}\/edit/);
    expect(await flash(page)).toBe(
      'Der Entwurf ist gespeichert. Nächster Schritt: Laden Sie unten die PDF-Datei des Antrags hoch; danach können Sie einreichen. Bis dahin sieht niemand sonst den Entwurf.',
    );
    await page.getByLabel(/PDF-Datei/).setInputFiles({
      name: 'Antrag.pdf',
      mimeType: 'application/pdf',
      buffer: pdf(4096),
    });
    await page.getByRole('button', { name: 'PDF hochladen' }).click();
    await page.getByRole('link', { name: 'Antrag.pdf' }).waitFor();
    expect(await flash(page)).toBe(
      'Die PDF-Datei ist hochgeladen. Wenn alle Angaben stimmen, reichen Sie den Antrag unten mit „Einreichen“ ein.',
    );
    await page.getByRole('button', { name: 'Einreichen' }).click();
    await page.waitForURL((url) => /^\/proposals\/[0-9a-f-]{36}$/.test(url.pathname));
    expect(await flash(page)).toBe(
      'Der Antrag ist eingereicht. Sie erhalten eine Eingangsbestätigung per E-Mail. Als Nächstes prüft das Clusterbüro ihn formal, danach wird er begutachtet; die Entscheidung erhalten Sie per E-Mail.',
    );
    const proposalPath = new URL(page.url()).pathname;
    await context.close();

    // The office's formal check says what comes next, and that the applicant hears nothing yet.
    await office.goto(proposalPath);
    await office.getByRole('button', { name: 'Formal in Ordnung' }).click();
    await office.locator('p.flash').waitFor();
    expect(await flash(office)).toBe(
      'Der Antrag ist formal in Ordnung. Nächster Schritt: Gutachter*innen zuweisen (Zuweisung); die Eingeladenen erhalten eine E-Mail. Die Antragstellenden hören erst mit der Entscheidung wieder von uns.',
    );
    // Eligible: reviewers are found now; votes come later.
    expect(await headings(office)).toEqual(expect.arrayContaining(['Gutachter*innen', 'Befangenheiten']));
    expect(await headings(office)).not.toContain('Abstimmungsstand');
  });

  it('a formally rejected proposal: the reason goes out, the board sections are gone', async () => {
    const draft = await createDraft(t, applicant, callId);
    expect((await uploadPdf(t, applicant.token, draft.id)).status).toBe(201);
    expect((await fire(t, applicant.token, draft.id, 'submit')).status).toBe(200);
    await office.goto(`/proposals/${draft.id}`);
    await office.locator('summary', { hasText: 'Formal ablehnen' }).click();
    await office
      .getByLabel('Begründung (für die formale Ablehnung erforderlich)')
      .fill('Kein KMU beteiligt.');
    await office.locator('details form button', { hasText: 'Formal ablehnen' }).click();
    await office.locator('p.flash').waitFor();
    expect(await flash(office)).toBe(
      'Der Antrag ist formal abgelehnt. Die Antragstellenden erhalten die Begründung per E-Mail; das Verfahren ist beendet.',
    );
    const shown = await headings(office);
    for (const gone of ['Abstimmungsstand', 'Gutachter*innen', 'Gutachten', 'Befangenheiten'])
      expect(shown).not.toContain(gone);
    expect(await office.getByText('Quorum fehlt').count()).toBe(0);
    expect(await office.getByRole('link', { name: 'Zuweisung', exact: true }).count()).toBe(0);
    // Nothing left to do on it: no (empty) row of buttons either.
    expect(await office.locator('section.actions').count()).toBe(0);
  });

  it('the office reopens a submitted review and declares conflicts with their reasons', async () => {
    const id = await eligibleProposal(t, applicant, callId);
    const [first] = await seedReviews(t, id, [{ reviewer: reviewers[0], scores: fullScores(4) }]);
    const invited = await t
      .http()
      .post(`/api/proposals/${id}/assignments`)
      .set(auth(t.officeToken))
      .send({ reviewerId: reviewers[1].id });
    expect(invited.status).toBe(201);

    await office.goto(`/proposals/${id}`);
    await office.locator('summary', { hasText: 'Wieder öffnen' }).click();
    await office.getByLabel(/Hinweis an die Gutachter\*in/).fill('Bitte die Machbarkeit begründen.');
    // A due date in the past is refused at the field, the typed note kept.
    await office.getByLabel(/Neue Frist/).fill('2020-01-06T12:00');
    await office.getByRole('button', { name: 'Gutachten wieder öffnen' }).click();
    await office.locator(`#f-reopenDue-${first.assignmentId}-error`).waitFor();
    expect(await office.getByLabel(/Hinweis an die Gutachter\*in/).inputValue()).toBe(
      'Bitte die Machbarkeit begründen.',
    );
    await office.getByLabel(/Neue Frist/).fill('2099-03-02T12:00');
    await office.getByRole('button', { name: 'Gutachten wieder öffnen' }).click();
    await office.locator('p.flash').waitFor();
    expect(await flash(office)).toBe(
      'Das Gutachten ist wieder offen. Die Gutachter*in kann es unter „Begutachtung“ überarbeiten und erneut einreichen und wird vor der Frist erinnert.',
    );
    const [reopened] = await t.dataSource.query(
      `SELECT a.state, r.submitted_at FROM assignments a JOIN reviews r ON r.assignment_id = a.id WHERE a.id = $1`,
      [first.assignmentId],
    );
    expect(reopened).toEqual({ state: 'accepted', submitted_at: null });
    const [{ due }] = await t.dataSource.query('SELECT due_at AS due FROM assignments WHERE id = $1', [
      first.assignmentId,
    ]);
    // 12:00 in Berlin in March (CET) is 11:00 UTC.
    expect(new Date(due).toISOString()).toBe('2099-03-02T11:00:00.000Z');
    // Nothing submitted is left to reopen.
    expect(await office.locator('summary', { hasText: 'Wieder öffnen' }).count()).toBe(0);

    // A conflict for a steering member, then for the invited reviewer (whose invitation ends).
    for (const [member, reason] of [
      [steeringMember, 'War Gutachterin des Vorgängerprojekts.'],
      [reviewers[1], 'Gemeinsames Patent mit dem Antragsteller.'],
    ] as const) {
      const name = (await t.dataSource.query('SELECT name FROM users WHERE id = $1', [member.id]))[0].name;
      await office.locator('summary', { hasText: 'Befangenheit für ein Mitglied eintragen' }).click();
      await office.getByLabel('Mitglied (Beirat oder Steuerungsgruppe)').selectOption({ label: name });
      await office.getByLabel('Grund der Befangenheit').fill(reason);
      await office.getByRole('button', { name: 'Befangenheit eintragen' }).click();
      await office.locator('p.flash').waitFor();
      expect(await flash(office)).toContain('Die Befangenheit ist eingetragen.');
      await office.locator('#conflicts-h + ul li', { hasText: `${name} · erklärt: ${reason}` }).waitFor();
    }
    const declared = await t.dataSource.query(
      `SELECT user_id, reason, declared_by FROM conflicts WHERE proposal_id = $1 ORDER BY created_at`,
      [id],
    );
    const [officeUser] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [OFFICE_EMAIL]);
    expect(declared.map((c: { user_id: string; declared_by: string }) => [c.user_id, c.declared_by])).toEqual(
      [
        [steeringMember.id, officeUser.id],
        [reviewers[1].id, officeUser.id],
      ],
    );
    const [revoked] = await t.dataSource.query('SELECT state FROM assignments WHERE id = $1', [
      invited.body.id,
    ]);
    expect(revoked.state).toBe('revoked');
  });

  it('the reviewer declares conflicts only on undecided proposals; the footer names roles plainly', async () => {
    const open = await eligibleProposal(t, applicant, callId);
    const decided = await eligibleProposal(t, applicant, callId, {
      title: 'Wasserstoff-Hofladen',
      acronym: 'H2HOF',
      abstract: 'Ein kleiner Elektrolyseur für Höfe.',
      topics: ['hydrogen'],
      partners: [],
      requestedFundingEur: 80000,
      durationMonths: 12,
    });
    await awaitingDecision(t, decided, [
      { reviewer: reviewers[0], scores: fullScores(2) },
      { reviewer: reviewers[1], scores: fullScores(2) },
    ]);
    const vote = await t
      .http()
      .put(`/api/proposals/${decided}/vote`)
      .set(auth(steeringMember.token))
      .send({ vote: 'reject' });
    expect(vote.status).toBe(200);
    const decision = await t
      .http()
      .post(`/api/proposals/${decided}/decision`)
      .set(auth(steeringMember.token))
      .send({ outcome: 'rejected', rationale: 'Zu wenig Transfer.' });
    expect(decision.status).toBe(201);

    const { page, context } = await person(browser, baseURL);
    await signIn(page, reviewers[2].email, reviewers[2].password);
    await page.goto(`/reviewer/calls/${callId}`);
    await page.locator(`#p-${decided}`).waitFor();
    expect(await page.locator(`#p-${decided}`).getByText('Befangenheit erklären').count()).toBe(0);
    expect(await page.locator(`#p-${open}`).getByText('Befangenheit erklären').count()).toBeGreaterThan(0);
    const footer = await page.locator('footer.site-footer').innerText();
    expect(footer).toContain('Angemeldet als Gutachter 3 – ');
    expect(footer).not.toMatch(/\(\(|\)\)/);
    await context.close();
  });
});
