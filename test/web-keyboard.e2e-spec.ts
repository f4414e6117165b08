import type { Browser, Page } from 'playwright-core';
import { createOpenCall, pdf, registerApplicant, TestUser } from './support/factories';
import { auditedPageCount } from './support/axe-audit';
import { startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, person } from './web-browser';

jest.setTimeout(120_000);

/** What the focused element is, and whether the focus can be seen (a :focus-visible outline). */
interface Focused {
  tag: string;
  type: string;
  name: string;
  text: string;
  focusVisible: boolean;
  outline: string;
}

/** Runs in the page (a string: the test code is compiled without the DOM library). */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body', type: '', name: '', text: '', focusVisible: false, outline: '' };
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    type: el.type || '',
    name: el.getAttribute('name') || '',
    text: (el.innerText || el.value || '').trim(),
    focusVisible: el.matches(':focus-visible'),
    outline: style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0 ? '' : style.outlineStyle,
  };
})()`;

function focused(page: Page): Promise<Focused> {
  return page.evaluate<Focused>(FOCUSED);
}

/**
 * Presses Tab until the focused element matches, checking at every stop that the focus is visible
 * (keyboard focus matches :focus-visible and draws an outline). Fails after 80 stops.
 */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.tag !== 'body') {
      expect({ at: `${f.tag}[${f.name || f.text}]`, visible: f.focusVisible && f.outline !== '' }).toEqual({
        at: `${f.tag}[${f.name || f.text}]`,
        visible: true,
      });
    }
    if (wanted(f)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

const field = (name: string) => (f: Focused) => f.name === name;
const control = (text: RegExp) => (f: Focused) => ['a', 'button'].includes(f.tag) && text.test(f.text);

/** Presses a key that navigates and waits for the next page to load (not the one still shown). */
async function pressAndLoad(page: Page, key: string): Promise<void> {
  const loaded = page.waitForEvent('load');
  await page.keyboard.press(key);
  await loaded;
}

describe('the applicant journey by keyboard alone (Tab, Enter, Space; visible focus)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let applicant: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    await createOpenCall(t);
    applicant = await registerApplicant(t, 'Tastatur GmbH');
    baseURL = await listen(t);
    browser = await launchBrowser();
  });

  // axe-core (A, AA) on every page the test loaded: 0 violations.
  afterEach(expectAccessiblePages);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in, writes, uploads and submits a proposal without the mouse', async () => {
    const { page, context } = await person(browser, baseURL);
    const proposals = () =>
      t.dataSource.query(
        `SELECT p.id, p.state, p.title, (SELECT count(*)::int FROM attachments a WHERE a.proposal_id = p.id) AS files
           FROM proposals p WHERE p.applicant_id = $1`,
        [applicant.id],
      );

    await page.goto('/login');
    await tabTo(page, field('email'), 'the e-mail field');
    await page.keyboard.type(applicant.email);
    await tabTo(page, field('password'), 'the password field');
    await page.keyboard.type(applicant.password);
    await pressAndLoad(page, 'Enter');
    expect(new URL(page.url()).pathname).not.toMatch(/^\/login/);

    await tabTo(page, control(/^Ausschreibungen$/), 'the calls link');
    await pressAndLoad(page, 'Enter');
    expect(new URL(page.url()).pathname).toBe('/calls');
    await tabTo(page, control(/Antrag schreiben/), 'the new-proposal button');
    await pressAndLoad(page, 'Enter');
    expect(new URL(page.url()).pathname).toMatch(/\/proposals\/new$/);

    await tabTo(page, field('title'), 'the title');
    await page.keyboard.type('Tastaturbedienbares Batteriegehäuse');
    await tabTo(page, field('acronym'), 'the acronym');
    await page.keyboard.type('TASTE');
    await tabTo(page, field('abstract'), 'the abstract');
    await page.keyboard.type('Ein Antrag, ganz ohne Maus geschrieben.');
    await tabTo(page, field('topics'), 'the first topic');
    await page.keyboard.press('Space');
    await tabTo(page, field('partners.0.name'), 'the first partner');
    await page.keyboard.type('TU Braunschweig');
    await tabTo(page, field('partners.0.city'), "the first partner's city");
    await page.keyboard.type('Braunschweig');
    await tabTo(page, field('requestedFundingEur'), 'the funding');
    await page.keyboard.type('240000');
    await tabTo(page, field('durationMonths'), 'the duration');
    await page.keyboard.type('24');
    await tabTo(page, control(/Entwurf speichern/), 'the save button');
    await pressAndLoad(page, 'Enter');
    expect(await proposals()).toHaveLength(1);

    await tabTo(page, (f) => f.type === 'file', 'the file field');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (await chooser).setFiles({ name: 'TASTE.pdf', mimeType: 'application/pdf', buffer: pdf(4096) });
    await tabTo(page, control(/PDF hochladen/), 'the upload button');
    await pressAndLoad(page, 'Enter');
    expect((await proposals())[0].files).toBe(1);

    await tabTo(page, control(/^Einreichen$/), 'the submit button');
    await pressAndLoad(page, 'Enter');
    const [row] = await proposals();
    expect(row).toMatchObject({ title: 'Tastaturbedienbares Batteriegehäuse', state: 'submitted', files: 1 });
    await context.close();
  });

  it('the axe audit can fail: a page with an unlabelled image and no language is reported', async () => {
    const { page, context } = await person(browser, baseURL);
    await page.route('**/axe-probe', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Probe</title><main><img src="x.png"></main>' }),
    );
    const before = auditedPageCount();
    await page.goto('/axe-probe');
    await context.close();
    expect(auditedPageCount()).toBe(before + 1);
    await expect(expectAccessiblePages()).rejects.toThrow(
      /image-alt[\s\S]*html-has-lang|html-has-lang[\s\S]*image-alt/,
    );
  });
});
