import type { Browser, Page } from 'playwright-core';
import { de } from '@/web/i18n/messages-de';
import { en } from '@/web/i18n/messages-en';
import { problemsDe, termsDe } from '@/web/i18n/problems-de';
import { problemsEn, termsEn } from '@/web/i18n/problems-en';
import {
  auth,
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

/**
 * Every English page text (messages, problem texts, terms) that differs from its German twin, cut at
 * its placeholders into the pieces a page would show; pieces of one word ("Min") may be German too.
 */
const ENGLISH_PIECES = [
  ...Object.entries(en).filter(([key, text]) => de[key as keyof typeof de] !== text),
  ...Object.entries(problemsEn).filter(
    ([code, text]) => problemsDe[code as keyof typeof problemsDe] !== text,
  ),
  ...Object.entries(termsEn).filter(([term, text]) => termsDe[term] !== text),
]
  .flatMap(([, text]) => text.split(/\{\w+\}/))
  .map((piece) => piece.trim().replace(/^[\s.,:;()“”"'–-]+|[\s.,:;()“”"'–-]+$/g, ''))
  .filter((piece) => piece.includes(' ') && piece.length >= 8);

async function englishOn(page: Page): Promise<string[]> {
  const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  return [...new Set(ENGLISH_PIECES.filter((piece) => text.includes(piece)))];
}
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
    expect(await englishOn(page)).toEqual([]);
    await context.close();
  });

  it('a decision without quorum is refused in German with the numbers of the vote', async () => {
    const reviewers = await createReviewers(t, 3);
    const chair = await createUser(t, { roles: ['steering'], chair: true, name: 'Vorsitz Weber' });
    const members: TestUser[] = [];
    for (const name of ['Mitglied Adler', 'Mitglied Brandt', 'Mitglied Conrad']) {
      members.push(await createUser(t, { roles: ['steering'], name, organisation: 'Hochschule' }));
    }
    const id = await eligibleProposal(t, applicant, callId);
    await awaitingDecision(
      t,
      id,
      // Seeded comments in German: the check below reads the whole page.
      reviewers.map((reviewer) => ({
        reviewer,
        scores: fullScores(4),
        commentToApplicant: 'Gut begründet.',
      })),
    );

    const { page, context } = await person(browser, baseURL);
    await signIn(page, chair.email, chair.password);
    // Issue 13: without quorum the form is disabled, so the refusal comes from a page gone stale: two of
    // four voted when the chair opened it, then a fifth member joined (three needed now).
    for (const member of members.slice(0, 2)) {
      const voted = await t
        .http()
        .put(`/api/proposals/${id}/vote`)
        .set(auth(member.token))
        .send({ vote: 'approve' });
      expect(voted.status).toBe(200);
    }
    await page.goto(`/proposals/${id}`);
    await page.getByText('Quorum erreicht').waitFor();
    await createUser(t, { roles: ['steering'], name: 'Mitglied Dahl', organisation: 'Hochschule' });
    await page.getByLabel('Ergebnis').selectOption('approved');
    await page.getByLabel(/Bewilligte Förderung/).fill('1000');
    await page.getByLabel('Begründung (für die Antragstellenden)').fill('Passt gut.');
    await page.getByRole('button', { name: 'Entscheidung festhalten' }).click();
    await summary(page).waitFor();
    expect(await summary(page).innerText()).toBe(
      'Nicht ausgeführt: Kein Quorum: 2 von 5 Mitgliedern der Steuerungsgruppe haben abgestimmt; mindestens 3 müssen es sein.',
    );
    expect(await page.getByText('No quorum').count()).toBe(0);
    expect(await englishOn(page)).toEqual([]);
    await context.close();
  });

  it('a save over a version changed meanwhile is refused in German and keeps the input', async () => {
    const draft = await createDraft(t, applicant, callId);
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await page.goto(`/proposals/${draft.id}/edit`);
    // Meanwhile the same proposal is changed elsewhere (another tab, a co-applicant): version + 1.
    await t
      .http()
      .patch(`/api/proposals/${draft.id}`)
      .set(auth(applicant.token))
      .send({ acronym: 'ANDERS', expectedVersion: draft.version })
      .expect(200);
    await page.getByLabel('Titel').fill('Mein neuer Titel');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await summary(page).waitFor();
    expect(await summary(page).innerText()).toBe(
      `Nicht ausgeführt: ${problemsDe['stale-version'].replace('{version}', String(draft.version + 1))}`,
    );
    expect(await page.getByLabel('Titel').inputValue()).toBe('Mein neuer Titel');
    expect(await englishOn(page)).toEqual([]);
    await context.close();
  });

  it('the English check itself finds English on an English page (it can fail)', async () => {
    const draft = await createDraft(t, applicant, callId);
    const { page, context } = await person(browser, baseURL);
    await signIn(page, applicant.email, applicant.password);
    await context.addCookies([{ name: 'beirat_lang', value: 'en', url: baseURL }]);
    await page.goto(`/proposals/${draft.id}/edit`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await englishOn(page)).length).toBeGreaterThan(0);
    await context.close();
  });
});
