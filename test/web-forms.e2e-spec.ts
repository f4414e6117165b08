import type { Browser } from 'playwright-core';
import {
  auth,
  COMPLETE_PROPOSAL,
  createDraft,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
  TestUser,
} from './support/factories';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person, signIn } from './web-browser';

/** Acceptance 2: a refused form keeps what was typed and says why next to the field; no CSRF, no change. */
// A browser flow signs in several people (argon2id on purpose slow) and clicks through many pages.
jest.setTimeout(240_000);

describe('pages: refused forms and CSRF', () => {
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

  // axe-core (A, AA) on every page the test loaded: 0 violations.
  afterEach(expectAccessiblePages);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('registration refused by the server keeps the input and names the field', async () => {
    const { page, context } = await person(browser, baseURL);
    await page.goto('/register');
    await page.getByLabel('Name', { exact: true }).fill('Jonas Brandt');
    await page.getByLabel('Organisation').fill('Brandt Sensorik GmbH');
    await page.getByLabel('E-Mail-Adresse').fill(applicant.email);
    await page.getByLabel('Passwort').fill('kurz');
    await page.getByRole('button', { name: 'Registrieren' }).click();
    const password = page.getByLabel('Passwort');
    await page.locator('#f-password-error').waitFor();
    expect(await page.locator('#f-password-error').innerText()).toContain('mindestens 10 Zeichen');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Jonas Brandt');
    expect(await page.getByLabel('Organisation').inputValue()).toBe('Brandt Sensorik GmbH');
    expect(await page.getByLabel('E-Mail-Adresse').inputValue()).toBe(applicant.email);
    expect(await password.inputValue()).toBe('');
    expect(await page.locator('#form-summary').innerText()).toContain('Passwort');

    // Now a valid password for a taken address: issue 11 answers it like a new one (no enumeration).
    await password.fill('ein-langes-passwort');
    await page.getByRole('button', { name: 'Registrieren' }).click();
    await page.getByRole('heading', { name: 'Bitte prüfen Sie Ihr Postfach' }).waitFor();
    expect(await page.locator('#f-email-error').count()).toBe(0);
    await context.close();
  });

  it('a proposal refused for too many topics keeps every field and shows the reason at the topics', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.goto(`/calls/${callId}/proposals/new`);
    await page.getByLabel('Titel', { exact: true }).fill('Wasserstoff-Tank aus Faserverbund');
    await page.getByLabel('Akronym').fill('H2TANK');
    await page
      .getByLabel('Zusammenfassung')
      .fill('Zeile eins.\nZeile zwei mit <b>Zeichen</b> & Umlauten: äöü.');
    for (const topic of ['battery', 'lightweight', 'hydrogen', 'software', 'logistics', 'recycling']) {
      await page.getByLabel(topic).check();
    }
    await page.getByLabel('Name 1').fill('Fraunhofer IFAM');
    await page.getByLabel('Ort 1').fill('Bremen');
    await page.getByLabel('Beantragte Förderung (EUR)').fill('180000');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.locator('#f-topics-error').waitFor();
    expect(await page.locator('#f-topics-error').innerText()).toContain('höchstens 5');
    expect(page.url()).toContain(`/calls/${callId}/proposals`);
    expect(await page.getByLabel('Titel', { exact: true }).inputValue()).toBe(
      'Wasserstoff-Tank aus Faserverbund',
    );
    expect(await page.getByLabel('Zusammenfassung').inputValue()).toBe(
      'Zeile eins.\nZeile zwei mit <b>Zeichen</b> & Umlauten: äöü.',
    );
    expect(await page.getByLabel('hydrogen').isChecked()).toBe(true);
    expect(await page.getByLabel('recycling').isChecked()).toBe(true);
    expect(await page.getByLabel('Name 1').inputValue()).toBe('Fraunhofer IFAM');
    expect(await page.getByLabel('Beantragte Förderung (EUR)').inputValue()).toBe('180000');
    // Nothing was stored.
    const mine = await t.http().get('/api/proposals').set(auth(applicant.token));
    expect(mine.body.items.filter((p: { title: string }) => p.title.startsWith('Wasserstoff'))).toEqual([]);

    // A partner row filled in part is refused at that row.
    await page.getByLabel('recycling').uncheck();
    await page.getByLabel('Name 1').fill('');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.locator('#f-partners-0-name-error').waitFor();
    expect(await page.getByLabel('Ort 1').inputValue()).toBe('Bremen');
    await context.close();
  });

  it('a score off the rubric step is refused by the server too, next to that criterion', async () => {
    const reviewer = await createUser(t, { roles: ['reviewer'], expertise: ['battery'] });
    const proposalId = await eligibleProposal(t, applicant, callId, {
      ...COMPLETE_PROPOSAL,
      acronym: 'STEP',
    });
    const created = await t
      .http()
      .post(`/api/proposals/${proposalId}/assignments`)
      .set(auth(t.officeToken))
      .send({ reviewerId: reviewer.id });
    expect(created.status).toBe(201);
    await t.http().post(`/api/assignments/${created.body.id}/accept`).set(auth(reviewer.token)).expect(200);

    const { page, context } = await person(browser, baseURL);
    await signIn(page, reviewer.email, reviewer.password);
    await page.goto(`/assignments/${created.body.id}/review`);
    const quality = page.getByLabel('Wissenschaftliche Qualität');
    // A text field (issue 13: the browser's number field misreads German input); the hint names the scale.
    expect(await page.locator('#f-scores-scientific_quality-hint').innerText()).toContain(
      'in Schritten von 0,5',
    );
    await quality.fill('3.3');
    await page.getByLabel('Innovationsgrad').fill('4');
    await page.getByLabel('Hinweise an die Antragstellenden').fill('Gut lesbar.');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.locator('#f-scores-scientific_quality-error').waitFor();
    expect(await page.locator('#f-scores-scientific_quality-error').innerText()).toContain(
      'in Schritten von 0,5',
    );
    expect(await quality.inputValue()).toBe('3.3');
    expect(await page.getByLabel('Innovationsgrad').inputValue()).toBe('4');
    expect(await page.getByLabel('Hinweise an die Antragstellenden').inputValue()).toBe('Gut lesbar.');
    await context.close();
  });

  it('saves a bid on change without reloading the page (htmx, token in the header)', async () => {
    const reviewer = await createUser(t, { roles: ['reviewer'], expertise: ['software'] });
    const proposalId = await eligibleProposal(t, applicant, callId, { ...COMPLETE_PROPOSAL, acronym: 'BID' });
    const { page, context } = await person(browser, baseURL);
    await signIn(page, reviewer.email, reviewer.password);
    await page.goto(`/reviewer/calls/${callId}`);
    const marker = await page.evaluate('window.__samePage = true');
    expect(marker).toBe(true);
    await page.locator(`#p-${proposalId}`).getByLabel('Ihr Interesse').selectOption('2');
    await page.locator(`#bid-status-${proposalId}`).getByText('Interesse gespeichert.').waitFor();
    expect(await page.evaluate('window.__samePage')).toBe(true);
    const rows: { bid: number }[] = await t.dataSource.query(
      'SELECT bid FROM bids WHERE proposal_id = $1 AND reviewer_id = $2',
      [proposalId, reviewer.id],
    );
    expect(rows).toEqual([{ bid: 2 }]);
    await context.close();
  });

  it('the office writes a call with its rubric; a bad rubric row is refused at that row', async () => {
    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await page.goto('/office/calls/new');
    await page.getByLabel('Titel', { exact: true }).fill('Wasserstoff im Schwerlastverkehr');
    await page.getByLabel('Einreichungsfrist (Berliner Zeit)').fill('2099-03-31T12:00');
    await page.getByLabel('Themen (eines je Zeile)').fill('Wasserstoff\nLogistik');
    // Issue 13: no key column; a new criterion takes its key from the English label.
    expect(await page.getByLabel('Schlüssel 6').count()).toBe(0);
    await page.getByLabel('Bezeichnung (de) 6').fill('Klimawirkung');
    await page.getByLabel('Bezeichnung (en) 6').fill('Climate impact');
    for (const [label, value] of [
      ['Gewicht 6', '0.1'],
      ['Min 6', '0'],
      ['Max 6', '5'],
      ['Schritt 6', '0.7'],
      ['Schwelle 6', '2'],
    ]) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('#f-rubric-criteria-5-step-error').waitFor();
    expect(await page.locator('#f-rubric-criteria-5-step-error').innerText()).toContain('ohne Rest');
    expect(await page.getByLabel('Bezeichnung (de) 6').inputValue()).toBe('Klimawirkung');
    expect(await page.getByLabel('Themen (eines je Zeile)').inputValue()).toBe('Wasserstoff\nLogistik');
    expect(await page.getByLabel('Einreichungsfrist (Berliner Zeit)').inputValue()).toBe('2099-03-31T12:00');

    await page.getByLabel('Schritt 6', { exact: true }).fill('0.5');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Die Ausschreibung ist gespeichert.').waitFor();
    // The written procedure's deadline, typed in Berlin time (CEST in April) and shown back on the call page.
    const closes = page.getByLabel('Schluss der Umlaufabstimmung (Berliner Zeit) (optional)');
    expect(await closes.inputValue()).toBe('');
    await closes.fill('2099-04-20T18:00');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Speichern' }).click()]);
    await page.getByText('Die Ausschreibung ist gespeichert.').waitFor();
    expect(
      await page.getByLabel('Schluss der Umlaufabstimmung (Berliner Zeit) (optional)').inputValue(),
    ).toBe('2099-04-20T18:00');
    await page.getByRole('button', { name: 'Öffnen' }).click();
    await page.locator('hgroup .badge', { hasText: 'Offen' }).waitFor();
    const id = new URL(page.url()).pathname.split('/')[3];
    const call = await t.http().get(`/api/calls/${id}`).set(auth(t.officeToken));
    expect(call.body).toMatchObject({ state: 'open', topics: ['Wasserstoff', 'Logistik'] });
    expect(call.body.submissionDeadline).toBe('2099-03-31T10:00:00.000Z');
    expect(call.body.votingClosesAt).toBe('2099-04-20T16:00:00.000Z');
    expect(call.body.rubric.criteria[5]).toMatchObject({ key: 'climate_impact', step: 0.5, threshold: 2 });
    await context.close();
  });

  it('refuses posts without the form token, and changes nothing', async () => {
    const draft = await createDraft(t, applicant, callId);
    const session = `beirat_session=${applicant.token}`;
    const withdraw = await t
      .http()
      .post(`/proposals/${draft.id}/events/withdraw`)
      .set('Cookie', session)
      .type('form')
      .send({});
    expect(withdraw.status).toBe(403);
    expect(withdraw.headers['content-type']).toContain('text/html');
    expect(withdraw.text).toContain('Das Formular ist abgelaufen');

    const forged = await t
      .http()
      .post(`/proposals/${draft.id}/events/withdraw`)
      .set('Cookie', `${session}; beirat_csrf=abcdefghijklmnopqrstuvwxyz`)
      .type('form')
      .send({ _csrf: 'made-up-token' });
    expect(forged.status).toBe(403);

    const upload = await t
      .http()
      .post(`/proposals/${draft.id}/attachments`)
      .set('Cookie', session)
      .attach('file', Buffer.from('%PDF-1.4\n'), { filename: 'a.pdf', contentType: 'application/pdf' });
    expect(upload.status).toBe(403);

    const login = await t.http().post('/login').type('form').send({ email: applicant.email, password: 'x' });
    expect(login.status).toBe(403);

    const after = await t.http().get(`/api/proposals/${draft.id}`).set(auth(applicant.token));
    expect(after.body).toMatchObject({ state: 'draft', version: draft.version });
    expect(after.body.attachments).toEqual([]);
  });

  it('accepts the same post with the token from the page (the check is not a blanket refusal)', async () => {
    const draft = await createDraft(t, applicant, callId);
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.goto(`/proposals/${draft.id}`);
    await page.getByRole('button', { name: 'Zurückziehen' }).click();
    await page.getByText('Der Antrag ist zurückgezogen.').waitFor();
    const after = await t.http().get(`/api/proposals/${draft.id}`).set(auth(applicant.token));
    expect(after.body.state).toBe('withdrawn');
    await context.close();
  });
});
