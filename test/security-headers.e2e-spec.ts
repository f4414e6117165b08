import type { Browser, Page } from 'playwright-core';
import { QueueRegistry } from '@/jobs/queue-registry';
import {
  auth,
  COMPLETE_PROPOSAL,
  createOpenCall,
  createUser,
  eligibleProposal,
  registerApplicant,
} from './support/factories';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { launchBrowser, listen, person, signIn } from './web-browser';

// Browser sign-ins (argon2id, on purpose slow) and the swagger-ui / bull-board bundles.
jest.setTimeout(120_000);

/** Issue 11: security headers on every kind of answer, and the queue dashboard's writes same-origin only. */
describe('security headers and the dashboard Origin check', () => {
  let t: TestApp;
  const office = () => `beirat_session=${t.officeToken}`;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  function expectCommonHeaders(headers: Record<string, string>): void {
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBeDefined();
    const csp = headers['content-security-policy'];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(headers['strict-transport-security']).toBeUndefined();
  }

  it.each([
    ['a page', '/', 200],
    ['the sign-in page', '/login', 200],
    ['an API answer', '/api/calls', 200],
    ['an API refusal', '/api/me', 401],
    ['an unknown path', '/nothing-here', 404],
    ['a one-click page', '/actions/not-a-token', 404],
    ['the API docs', '/api/docs', 200],
    ['the queue dashboard', '/admin/queues', 200],
  ])('%s carries CSP, frame protection, nosniff and Referrer-Policy', async (_what, path, status) => {
    const cookie = ['/api/me', '/login'].includes(path) ? '' : office();
    const res = await t.http().get(path).set('Cookie', cookie);
    expect(res.status).toBe(status);
    expectCommonHeaders(res.headers as Record<string, string>);
  });

  it('pages (one-click pages too) allow no inline style; only docs and dashboard allow inline styles', async () => {
    for (const path of ['/login', '/actions/not-a-token']) {
      const page = await t.http().get(path);
      expect(page.headers['content-security-policy']).toContain("style-src 'self';");
    }
    for (const path of ['/api/docs', '/admin/queues']) {
      const res = await t.http().get(path).set('Cookie', office());
      expect(res.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    }
  });

  it('sends HSTS only when HSTS=on', async () => {
    const secure = await startTestApp({ HSTS: 'on', APP_URL: 'https://beirat.test' });
    try {
      const res = await secure.http().get('/api/calls').set(auth(secure.officeToken));
      expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
    } finally {
      await secure.close();
    }
  });

  describe('queue dashboard writes', () => {
    const pauseAll = () => t.http().put('/admin/queues/api/queues/pause').set('Cookie', office());
    const anyPaused = async () => {
      const paused = await Promise.all(
        t.app
          .get(QueueRegistry)
          .all()
          .map((q) => q.isPaused()),
      );
      return paused.some(Boolean);
    };

    it('refuses a write from another origin, or with no Origin or Referer, and changes nothing', async () => {
      for (const res of [
        await pauseAll().set('Origin', 'https://evil.example'),
        await pauseAll().set('Referer', 'https://evil.example/page'),
        await pauseAll().set('Origin', 'null'),
        await pauseAll(),
      ]) {
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect(await anyPaused()).toBe(false);
    });

    it('takes a write from the app origin (or the Host it was sent to)', async () => {
      expect((await pauseAll().set('Origin', 'http://beirat.test')).status).toBe(200);
      expect(await anyPaused()).toBe(true);
      const resume = await t
        .http()
        .put('/admin/queues/api/queues/resume')
        .set('Cookie', office())
        .set('Host', 'queues.internal:8080')
        .set('Referer', 'http://queues.internal:8080/admin/queues');
      expect(resume.status).toBe(200);
      expect(await anyPaused()).toBe(false);
    });
  });

  describe('in Chromium', () => {
    let browser: Browser;
    let baseURL: string;
    beforeAll(async () => {
      baseURL = await listen(t);
      browser = await launchBrowser();
    });
    afterAll(() => browser?.close());

    /** CSP violations the page reports, except bull-board's Google Fonts stylesheet (blocked on purpose). */
    function violations(page: Page): string[] {
      const seen: string[] = [];
      page.on('console', (message) => {
        const text = message.text();
        if (/Content Security Policy/i.test(text) && !text.includes('fonts.googleapis.com')) seen.push(text);
      });
      return seen;
    }

    it('/api/docs and /admin/queues render for the office; and report no CSP violation', async () => {
      const { page, context } = await person(browser, baseURL);
      const seen = violations(page);
      await signIn(page, OFFICE_EMAIL, OFFICE_PASSWORD);
      await page.goto('/api/docs');
      await page.locator('.swagger-ui .info .title').getByText('Beirat API').waitFor();
      await page.locator('.opblock-tag', { hasText: 'auth' }).first().waitFor();
      await page.goto('/admin/queues');
      await page.getByText('notifications').first().waitFor();
      expect(seen).toEqual([]);
      await context.close();
    });

    it('a page keeps working with htmx under the CSP: a bid saves without reloading', async () => {
      const applicant = await registerApplicant(t);
      const callId = (await createOpenCall(t)).id;
      const reviewer = await createUser(t, { roles: ['reviewer'], expertise: ['software'] });
      const proposalId = await eligibleProposal(t, applicant, callId, {
        ...COMPLETE_PROPOSAL,
        acronym: 'CSP',
      });
      const { page, context } = await person(browser, baseURL);
      const seen = violations(page);
      await signIn(page, reviewer.email, reviewer.password);
      await page.goto(`/reviewer/calls/${callId}`);
      await page.evaluate('window.__samePage = true');
      await page.locator(`#p-${proposalId}`).getByLabel('Ihr Interesse').selectOption('2');
      await page.locator(`#bid-status-${proposalId}`).getByText('Interesse gespeichert.').waitFor();
      expect(await page.evaluate('window.__samePage')).toBe(true);
      expect(seen).toEqual([]);
      await context.close();
    });
  });
});
