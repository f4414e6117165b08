import type { Browser } from 'playwright-core';
import { EmailConfirmationsService } from '@/auth/email-confirmations.service';
import { createOpenCall, createUser, pdf, TestUser } from './support/factories';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person, shoot, signIn } from './web-browser';

/**
 * Acceptance 1 of the pages, all by clicking in Debian's chromium: an applicant registers, writes and
 * submits a proposal with a PDF; the office screens and auto-assigns; two reviewers accept and score;
 * the chair sees the ranking, votes and records the decision; the applicant reads it.
 */
// A browser flow signs in several people (argon2id on purpose slow) and clicks through many pages.
jest.setTimeout(240_000);

describe('pages: the whole review workflow by clicking', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let reviewers: TestUser[];
  let chair: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    baseURL = await listen(t);
    browser = await launchBrowser();
    await createOpenCall(t, {
      title: 'Mobilität 2030: Leichtbau und Batterie',
      reviewsPerProposal: 2,
      minReviews: 2,
    });
    reviewers = [
      await createUser(t, {
        roles: ['reviewer'],
        name: 'Prof. Dr. Hanna Vogel',
        organisation: 'Hochschule Nord',
        expertise: ['battery', 'lightweight'],
      }),
      await createUser(t, {
        roles: ['reviewer'],
        name: 'Dr. Jens Albers',
        organisation: 'Forschungszentrum Süd',
        expertise: ['battery', 'recycling'],
      }),
    ];
    chair = await createUser(t, {
      roles: ['steering'],
      chair: true,
      name: 'Dr. Petra Lorenz',
      organisation: 'Clusterverband',
    });
  });

  // axe-core (A, AA) on every page the test loaded: 0 violations.
  afterEach(expectAccessiblePages);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('runs from registration to the decision letter', async () => {
    // The applicant registers and writes a proposal.
    const applicant = await person(browser, baseURL);
    let page = applicant.page;
    await page.goto('/register');
    await shoot(page, 'register');
    await page.getByLabel('Name', { exact: true }).fill('Dr. Miriam Keller');
    await page.getByLabel('Organisation').fill('Keller Leichtbau GmbH');
    await page.getByLabel('E-Mail-Adresse').fill('m.keller@keller-leichtbau.example');
    await page.getByLabel('Passwort').fill('sicheres-passwort-2030');
    await page.getByRole('button', { name: 'Registrieren' }).click();
    // Issue 11: the address is confirmed by the mailed link (workers are off here: the same link, issued directly).
    await page.getByText('Bitte prüfen Sie Ihr Postfach').waitFor();
    const [registered] = await t.dataSource.query('SELECT id FROM users WHERE email = $1', [
      'm.keller@keller-leichtbau.example',
    ]);
    await page.goto(`/confirm/${await t.app.get(EmailConfirmationsService).issue(registered.id)}`);
    await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
    await page.getByText('Ihre E-Mail-Adresse ist bestätigt').waitFor();

    await page.getByRole('link', { name: 'Ausschreibungen', exact: true }).click();
    await page.getByRole('button', { name: 'Antrag schreiben' }).click();
    await page.getByLabel('Titel', { exact: true }).fill('Recycelbares Batteriegehäuse in Leichtbauweise');
    await page.getByLabel('Akronym').fill('REBAT');
    await page
      .getByLabel('Zusammenfassung')
      .fill('Ein Batteriegehäuse aus Sekundäraluminium für Kleinserien, demontierbar und recycelbar.');
    await page.getByLabel('battery').check();
    await page.getByLabel('lightweight').check();
    await page.getByLabel('Name 1').fill('TU Braunschweig');
    await page.getByLabel('Art 1').selectOption('research');
    await page.getByLabel('Ort 1').fill('Braunschweig');
    await page.getByLabel('Beantragte Förderung (EUR)').fill('240000');
    await page.getByLabel('Laufzeit (Monate)').fill('24');
    await page.getByRole('button', { name: 'Entwurf speichern' }).click();
    await page.getByText('Gespeichert.').waitFor();

    await page.getByLabel(/PDF-Datei/).setInputFiles({
      name: 'REBAT-Antrag.pdf',
      mimeType: 'application/pdf',
      buffer: pdf(8192),
    });
    await page.getByRole('button', { name: 'PDF hochladen' }).click();
    await page.getByText('Die PDF-Datei ist hochgeladen.').waitFor();
    await page.getByRole('link', { name: 'REBAT-Antrag.pdf' }).waitFor();
    await shoot(page, 'applicant-proposal-edit');
    await page.getByRole('button', { name: 'Einreichen' }).click();
    await page.getByText('Der Antrag ist eingereicht.').waitFor();
    await expectBadge(page, 'Eingereicht');
    const proposalPath = new URL(page.url()).pathname;
    expect(proposalPath).toMatch(/^\/proposals\/[0-9a-f-]{36}$/);
    await shoot(page, 'applicant-proposal');

    // The office screens the proposal and assigns reviewers automatically.
    const office = await person(browser, baseURL);
    page = office.page;
    await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
    await page.getByRole('link', { name: 'Clusterbüro', exact: true }).click();
    await shoot(page, 'office-calls');
    await page.getByRole('link', { name: 'Anträge', exact: true }).first().click();
    await page.getByRole('link', { name: 'Recycelbares Batteriegehäuse in Leichtbauweise' }).click();
    await page.getByRole('button', { name: 'Formal in Ordnung' }).click();
    await expectBadge(page, 'Formal geprüft');

    await page.goto('/office');
    await page.getByRole('link', { name: 'Zuweisung' }).first().click();
    await page.getByRole('button', { name: 'Vorschau berechnen' }).click();
    // Issue 13: no jargon ("k", "Zielwert") on the assignment preview.
    await page.getByText('Passung der Zuweisung: 3 Punkte').waitFor();
    await page.getByText('Jeder Antrag bekommt so viele Gutachter*innen, wie die Ausschreibung vorsieht.').waitFor();
    await shoot(page, 'office-assign-preview');
    await page.getByRole('button', { name: 'Diese Zuweisung übernehmen' }).click();
    await page.getByText('Die Zuweisungen sind gespeichert').waitFor();
    expect(await page.locator('#board-h + article .badge', { hasText: 'Eingeladen' }).count()).toBe(2);

    // Both reviewers accept from their pages and score.
    const scores = [
      [4.5, 4, 3.5, 4, 3.5],
      [4, 4.5, 4, 3.5, 4],
    ];
    for (const [i, reviewer] of reviewers.entries()) {
      const r = await person(browser, baseURL);
      page = r.page;
      await signIn(page, reviewer.email, reviewer.password);
      await page.getByRole('link', { name: 'Begutachtung', exact: true }).click();
      if (i === 0) await shoot(page, 'reviewer-invitations');
      await page.getByRole('button', { name: 'Annehmen' }).click();
      await page.getByText('Einladung angenommen.').waitFor();
      await page.getByRole('link', { name: 'Gutachten schreiben' }).click();
      const labels = [
        'Wissenschaftliche Qualität',
        'Innovationsgrad',
        'Machbarkeit',
        'Transfer',
        'Nutzen für KMU',
      ];
      for (const [j, label] of labels.entries()) await page.getByLabel(label).fill(String(scores[i][j]));
      await page
        .getByLabel('Hinweise an die Antragstellenden')
        .fill(
          i === 0
            ? 'Überzeugendes Konzept; der Verwertungsplan sollte konkreter werden.'
            : 'Solide Machbarkeit, gute Einbindung der KMU.',
        );
      if (i === 0) await shoot(page, 'reviewer-review-form');
      await page.getByRole('button', { name: 'Gutachten einreichen' }).click();
      await page.getByText('Gutachten eingereicht. Vielen Dank!').waitFor();
      if (i === 1) {
        // The second reviewer now reads the first review.
        await page.getByRole('heading', { name: 'Die anderen Gutachten' }).waitFor();
        await page.getByText('Prof. Dr. Hanna Vogel').waitFor();
        await shoot(page, 'reviewer-after-submit');
      }
      await r.context.close();
    }

    // The chair reads the ranking, votes and records the decision.
    const steering = await person(browser, baseURL);
    page = steering.page;
    await signIn(page, chair.email, chair.password);
    await page.getByRole('link', { name: 'Steuerungsgruppe', exact: true }).click();
    await page.getByRole('link', { name: 'Mobilität 2030: Leichtbau und Batterie' }).click();
    const row = page.locator('table.ranking tbody tr').first();
    await row.getByText('REBAT').waitFor();
    expect(await row.locator('td').first().innerText()).toBe('1');
    expect(await row.locator('svg[role="img"]').count()).toBe(5);
    await shoot(page, 'steering-ranking');
    await row.getByRole('link', { name: 'Recycelbares Batteriegehäuse in Leichtbauweise' }).click();
    await page.getByRole('heading', { name: 'Gutachten', exact: true }).waitFor();
    await page.getByLabel('Ihre Stimme').selectOption('approve');
    await page.getByRole('button', { name: 'Stimme abgeben' }).click();
    await page.getByText('Ihre Stimme ist gespeichert.').waitFor();
    await page.getByText('Quorum erreicht').waitFor();
    await page.getByLabel('Ergebnis').selectOption('approved');
    await page.getByLabel(/Bewilligte Förderung/).fill('220000');
    await page
      .getByLabel('Begründung (für die Antragstellenden)')
      .fill('Hohe Passung zum Cluster; Kürzung bei den Sachmitteln.');
    await shoot(page, 'steering-proposal');
    await page.getByRole('button', { name: 'Entscheidung festhalten' }).click();
    await page.getByText('Die Entscheidung ist festgehalten').waitFor();
    await expectBadge(page, 'Bewilligt');

    // The applicant reads the decision with the reviewers' comments, without their names.
    page = applicant.page;
    await page.getByRole('link', { name: 'Meine Anträge', exact: true }).click();
    await page.getByRole('link', { name: 'Recycelbares Batteriegehäuse in Leichtbauweise' }).click();
    const decision = page.locator('section.decision');
    await decision.getByText('Bewilligt', { exact: true }).waitFor();
    expect(await decision.innerText()).toContain('220.000');
    await decision.getByText('Gutachter*in A').waitFor();
    await decision.getByText('Gutachter*in B').waitFor();
    await decision.getByText('der Verwertungsplan sollte konkreter werden', { exact: false }).waitFor();
    expect(await page.getByText('Hanna Vogel').count()).toBe(0);
    expect(await page.getByText('Jens Albers').count()).toBe(0);
    await shoot(page, 'applicant-decision');
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Decision' }).waitFor();
  });
});

async function expectBadge(page: import('playwright-core').Page, text: string): Promise<void> {
  await page.locator('hgroup .badge', { hasText: text }).waitFor();
}
