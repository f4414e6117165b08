import type { Browser, Page } from 'playwright-core';
import { expectAccessiblePages, launchBrowser, listen, person, shoot, signIn } from './web-browser';
import {
  assigned,
  auth,
  COMPLETE_PROPOSAL,
  createDraft,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
} from './support/factories';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';

// Several people sign in (argon2id on purpose slow) and click through the registry pages.
jest.setTimeout(240_000);

/** Issue 14: the registry's pages (office), "Meine Befangenheiten" (board), "Mögliche Partner". */
describe('pages: organisation registry', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;

  const noOverflow = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect({ page: name, overflow }).toEqual({ page: name, overflow: 0 });
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
  });
  afterEach(expectAccessiblePages);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the office creates a group, maps an unresolved name, sees the flagged assignment, merges and records competitors', async () => {
    const applicant = await registerApplicant(t, 'Zulieferer Ost GmbH');
    const callId = (await createOpenCall(t)).id;
    const proposalId = await eligibleProposal(t, applicant, callId, {
      ...COMPLETE_PROPOSAL,
      partners: [{ name: 'Volkswagen Aktiengesellschaft', kind: 'large', city: 'Wolfsburg' }],
    });
    const reviewer = await createUser(t, {
      roles: ['reviewer'],
      organisation: 'CARIAD SE',
      name: 'Rita Reviewer',
    });
    await assigned(t, proposalId, reviewer.id);

    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await page.goto('/office/organisations');
    expect(await page.locator('h1').textContent()).toBe('Organisationsverzeichnis');
    expect(await page.locator('#unresolved').textContent()).toContain('Volkswagen Aktiengesellschaft');

    // A new entry with figures; German thousands separators are read.
    await page.getByRole('button', { name: 'Neue Organisation' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Volkswagen AG');
    await page.getByLabel('Art').selectOption('large');
    await page.getByLabel('Beschäftigte').fill('10.000');
    await page.getByLabel('Kompetenzen (einer je Zeile)').fill('battery\nsoftware');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/office\/organisations\/[0-9a-f-]{36}/);
    expect((await page.locator('#sme-status').textContent())?.trim()).toBe('kein KMU');
    const vwUrl = page.url().split('?')[0];

    // A bad figure is refused at its field, the input kept.
    await page.getByLabel('Beschäftigte').fill('-3');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.locator('#f-employees[aria-invalid="true"]').waitFor();
    expect(await page.getByLabel('Beschäftigte').inputValue()).toBe('-3');

    await page.goto('/office/organisations/new');
    await page.getByLabel('Name', { exact: true }).fill('CARIAD SE');
    await page.getByLabel('Art').selectOption('large');
    await page.getByLabel('Muttergesellschaft').selectOption({ label: 'Volkswagen AG' });
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/office\/organisations\/[0-9a-f-]{36}/);

    // "Zuordnen zu …": the partner's name becomes an alias; the earlier assignment is now flagged.
    await page.goto('/office/organisations');
    await page
      .getByLabel('Zuordnen zu (Volkswagen Aktiengesellschaft)')
      .selectOption({ label: 'Volkswagen AG' });
    await page
      .locator('#unresolved tr', { hasText: 'Volkswagen Aktiengesellschaft' })
      .getByRole('button', { name: 'Als Alias zuordnen' })
      .click();
    await page.waitForURL(/flash=org.mapped/);
    expect(await page.locator('#flagged').textContent()).toContain('Rita Reviewer');
    expect(await page.locator('#organisations').textContent()).toContain('Volkswagen Aktiengesellschaft');
    await page.goto('/office');
    const todo = page.locator('li[data-todo="conflictedAssignments"] .badge');
    expect((await todo.textContent())?.trim()).toBe('1');
    await page.goto('/office/organisations');
    await noOverflow(page, 'registry');
    await shoot(page, 'office-organisations');

    // The proposal page names the conflict and its reason.
    await page.goto(`/proposals/${proposalId}`);
    expect(await page.locator('#conflicts-h + ul').textContent()).toContain('gleicher Konzern');

    // Competitors and merge on the edit page.
    await page.goto('/office/organisations/new');
    await page.getByLabel('Name', { exact: true }).fill('Continental AG');
    await page.getByLabel('Art').selectOption('large');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/office\/organisations\/[0-9a-f-]{36}/);
    await page.locator('#f-organisationId').selectOption({ label: 'Volkswagen AG' });
    await page.getByRole('button', { name: 'Wettbewerber eintragen' }).click();
    await page.waitForURL(/flash=org.competitorAdded/);
    expect(await page.locator('#competitors').textContent()).toContain('Volkswagen AG');
    await noOverflow(page, 'organisation');

    await page.goto('/office/organisations/new');
    await page.getByLabel('Name', { exact: true }).fill('VW Doppel GmbH');
    await page.getByLabel('Art').selectOption('large');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/office\/organisations\/[0-9a-f-]{36}/);
    await page.getByLabel('Zusammenführen mit').selectOption({ label: 'Volkswagen AG' });
    await page.getByRole('button', { name: 'Zusammenführen', exact: true }).click();
    await page.waitForURL(vwUrl + '?flash=org.merged');
    expect(await page.getByLabel('Aliase (einer je Zeile)').inputValue()).toContain('VW Doppel GmbH');
    await context.close();
  });

  it('the office declares a personal conflict for a member; a member declares their own (English)', async () => {
    for (const name of ['Fraunhofer IWU', 'Hochschule Esslingen']) {
      await t.http().post('/api/organisations').set(auth(t.officeToken)).send({ name, kind: 'research' });
    }
    const member = await createUser(t, { roles: ['steering'], name: 'Stefan Steuer', locale: 'en' });
    const { page, context } = await person(browser, baseURL);
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await page.goto('/office/organisations');
    await page.getByLabel('Mitglied (Beirat oder Steuerungsgruppe)').selectOption({ label: 'Stefan Steuer' });
    await page.getByLabel('Organisation (Name oder Alias aus dem Verzeichnis)').fill('Nirgendwo GmbH');
    await page.getByLabel('Begründung').fill('Aufsichtsrat');
    await page.getByRole('button', { name: 'Befangenheit eintragen' }).click();
    await page.locator('#f-organisation[aria-invalid="true"]').waitFor();
    await page.getByLabel('Organisation (Name oder Alias aus dem Verzeichnis)').fill('fraunhofer iwu');
    await page.getByRole('button', { name: 'Befangenheit eintragen' }).click();
    await page.waitForURL(/flash=pc.declared/);
    expect(await page.locator('#personal-conflicts').textContent()).toContain(
      'Stefan Steuer · Fraunhofer IWU',
    );
    await context.close();

    const own = await person(browser, baseURL);
    await signIn(own.page, member.email, member.password);
    await own.page.goto('/steering');
    await own.page.getByRole('link', { name: 'My conflicts' }).click();
    await own.page.waitForURL(/\/conflicts$/);
    expect(await own.page.locator('#personal-conflicts').textContent()).toContain(
      'Fraunhofer IWU: Aufsichtsrat',
    );
    await own.page.getByLabel('Organisation (name or alias in the registry)').fill('Hochschule Esslingen');
    await own.page.getByLabel('Reason').fill('Former employer');
    await own.page.getByRole('button', { name: 'Declare conflict' }).click();
    await own.page.waitForURL(/flash=pc.declared/);
    expect(await own.page.locator('#personal-conflicts').textContent()).toContain(
      'Hochschule Esslingen: Former employer',
    );
    await own.page
      .locator('#personal-conflicts li', { hasText: 'Former employer' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    await own.page.waitForURL(/flash=pc.withdrawn/);
    expect(await own.page.locator('#personal-conflicts').textContent()).not.toContain('Former employer');
    await noOverflow(own.page, 'my-conflicts');
    await own.context.close();
  });

  it('shows "Mögliche Partner" to the applicant on the proposal page', async () => {
    await t
      .http()
      .post('/api/organisations')
      .set(auth(t.officeToken))
      .send({ name: 'Batterie-Institut e.V.', kind: 'research', expertise: ['battery'], city: 'Ulm' });
    const applicant = await registerApplicant(t, 'Partnersuche GmbH');
    const callId = (await createOpenCall(t)).id;
    const draft = await createDraft(t, applicant, callId);
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.goto(`/proposals/${draft.id}`);
    expect((await page.locator('#partner-suggestions h2').textContent())?.trim()).toBe('Mögliche Partner');
    expect(await page.locator('#partner-suggestions').textContent()).toContain('Batterie-Institut e.V.');
    await noOverflow(page, 'proposal');
    await context.close();
  });
});
