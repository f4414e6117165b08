import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { ActionTokensService } from '@/review/action-tokens.service';
import { DEMO_PASSWORD, DemoResult, seedDemo } from '../scripts/demo';
import { auditContext } from './support/axe-audit';
import { OFFICE_EMAIL, OFFICE_PASSWORD, startTestApp, TestApp } from './support/test-app';
import { expectAccessiblePages, launchBrowser, listen, signIn } from './web-browser';

/**
 * No request leaves the installation: every page — each role's pages found by following their links
 * through the demo data, the one-click answer page, error pages, /api/docs and the queue dashboard —
 * is opened in Chromium, and every request it makes (page.on('request'), scripts, styles, fonts,
 * images, fetches) must go to this server. Offenders are listed as "page → URL".
 */
// Several argon2id sign-ins (slow on purpose) and some fifty pages, each waited on until the network is idle.
jest.setTimeout(300_000);

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A request over the network to a host other than this machine; data:, blob: and about: stay in the browser. */
function leaves(url: URL): boolean {
  return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && !LOCAL_HOSTS.has(url.hostname);
}

/** Links the crawl does not follow: downloads and JSON (/api/), static files, the language switch. */
const NOT_PAGES = [/^\/api\//, /^\/assets\//, /^\/lang\//];

/** One route per shape: ids become `:id`, query values are dropped (a list page is one page however filtered). */
function shape(url: URL): string {
  const path = url.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id');
  const keys = [...url.searchParams.keys()].sort();
  return keys.length > 0 ? `${path}?${keys.join('&')}` : path;
}

/** The page (path and query) whose document made the request. */
function pageOf(request: Request): string {
  try {
    const url = new URL(request.frame().url());
    return url.pathname + url.search;
  } catch {
    return '(no page: a worker)'; // service workers' requests have no frame
  }
}

describe('network: no page makes a request that leaves 127.0.0.1', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let demo: DemoResult;

  beforeAll(async () => {
    t = await startTestApp();
    demo = await seedDemo(t.app);
    baseURL = await listen(t);
    browser = await launchBrowser();
  });

  // axe-core (A, AA) on every page the test loaded: 0 violations.
  afterEach(expectAccessiblePages);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A browser that records every request leaving this machine (and aborts it, so the test stays offline). */
  interface Watched {
    context: BrowserContext;
    page: Page;
    offenders: string[];
    open(path: string): Promise<number>;
  }

  async function watched(): Promise<Watched> {
    // bypassCSP: the test sees what a page tries, not only what the Content-Security-Policy lets through.
    const context = await browser.newContext({ baseURL, locale: 'de-DE', bypassCSP: true });
    context.setDefaultTimeout(15_000);
    const offenders: string[] = [];
    context.on('request', (request) => {
      if (leaves(new URL(request.url()))) offenders.push(`${pageOf(request)} → ${request.url()}`);
    });
    await context.route(leaves, (route) => route.abort('blockedbyclient'));
    await auditContext(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    return {
      context,
      page,
      offenders,
      async open(path: string) {
        const response = await page.goto(path);
        // Fonts, lazy chunks and fetches come after the load event.
        await page.waitForLoadState('networkidle');
        return response?.status() ?? 0;
      },
    };
  }

  /** Opens the start pages and every same-origin page linked from what it opens, one per shape. */
  async function crawl(browsing: Watched, start: string[]): Promise<string[]> {
    const seen = new Set<string>();
    const queue = [...start];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const url = new URL(path, baseURL);
      if (seen.has(shape(url))) continue;
      seen.add(shape(url));
      expect({ path, status: await browsing.open(path) }).toEqual({ path, status: 200 });
      // A string, as in web-pages: the tests compile without the DOM types. `href` is the absolute URL.
      // A `download` link (the ranking's CSV, a PDF) is a file, not a page.
      const links = await browsing.page.evaluate<string[]>(
        "[...document.querySelectorAll('a[href]:not([download])')].map((a) => a.href)",
      );
      for (const link of links.map((href) => new URL(href))) {
        if (link.origin !== url.origin || NOT_PAGES.some((skip) => skip.test(link.pathname))) continue;
        queue.push(link.pathname + link.search);
      }
    }
    return [...seen].sort();
  }

  async function as(email: string, password: string): Promise<Watched> {
    const browsing = await watched();
    await signIn(browsing.page, email, password);
    return browsing;
  }

  it('sign-in, registration, error pages and the one-click answer page', async () => {
    const browsing = await watched();
    expect(await browsing.open('/login')).toBe(200);
    expect(await browsing.open('/register')).toBe(200);
    expect(await browsing.open('/no-such-page')).toBe(404);
    expect(await browsing.open('/actions/no-such-token')).toBe(404);
    const [assignment]: { id: string; reviewerId: string }[] = await t.dataSource.query(
      'SELECT id, reviewer_id AS "reviewerId" FROM assignments LIMIT 1',
    );
    const token = await t.app.get(ActionTokensService).issue(t.dataSource.manager, {
      purpose: 'decline-invitation',
      userId: assignment.reviewerId,
      assignmentId: assignment.id,
      ttlMs: 86_400_000,
    });
    expect(await browsing.open(`/actions/${token}`)).toBe(200);
    await browsing.page.locator('form textarea').waitFor();
    expect(browsing.offenders).toEqual([]);
    await browsing.context.close();
  });

  it('applicant pages, and the error pages a signed-in user meets', async () => {
    const browsing = await as(demo.emails.DRYCOAT, DEMO_PASSWORD);
    const seen = await crawl(browsing, ['/', `/proposals/${demo.proposals.DRYCOAT}/edit`]);
    expect(seen).toEqual(
      expect.arrayContaining([
        '/',
        '/calls',
        '/calls/:id/proposals/new',
        '/proposals',
        '/proposals/:id',
        '/proposals/:id/edit',
      ]),
    );
    expect(await browsing.open('/office')).toBe(403);
    expect(await browsing.open('/proposals/00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(browsing.offenders).toEqual([]);
    await browsing.context.close();
  });

  it('reviewer pages', async () => {
    const browsing = await as(demo.emails.rev1, DEMO_PASSWORD);
    const seen = await crawl(browsing, ['/reviewer']);
    expect(seen).toEqual(
      expect.arrayContaining(['/reviewer', '/reviewer/calls/:id', '/assignments/:id/review']),
    );
    expect(browsing.offenders).toEqual([]);
    await browsing.context.close();
  });

  it('steering pages', async () => {
    const browsing = await as(demo.emails.chair, DEMO_PASSWORD);
    const seen = await crawl(browsing, ['/steering', `/calls/${demo.callId}/ranking`]);
    expect(seen).toEqual(expect.arrayContaining(['/steering', '/calls/:id/ranking', '/proposals/:id']));
    expect(browsing.offenders).toEqual([]);
    await browsing.context.close();
  });

  it('office pages, the assignment preview, the API documentation and the queue dashboard', async () => {
    const browsing = await as(OFFICE_EMAIL, OFFICE_PASSWORD);
    const seen = await crawl(browsing, ['/office']);
    expect(seen).toEqual(
      expect.arrayContaining([
        '/office',
        '/office/calls/new',
        '/office/calls/:id',
        '/office/calls/:id/assign',
        '/office/proposals',
        '/office/overdue',
        '/office/mails',
        '/proposals/:id',
        '/admin/queues',
        '/admin/queues/queue/notifications',
      ]),
    );
    const { page } = browsing;
    await browsing.open(`/office/calls/${demo.callId}/assign`);
    await page.getByRole('button', { name: 'Vorschau berechnen' }).click();
    await page.locator('#preview-h').waitFor();
    await page.waitForLoadState('networkidle');

    expect(await browsing.open('/api/docs')).toBe(200);
    await page.locator('.swagger-ui .info').waitFor();
    await page.locator('.opblock-summary').first().click();
    await page.waitForLoadState('networkidle');
    // Nest's swagger-ui start script reads `?url=`: a link crafted so must not load a document from elsewhere.
    expect(await browsing.open('/api/docs?url=https://example.org/openapi.json')).toBe(200);
    await page.locator('.swagger-ui .info').waitFor();

    // The dashboard's own app has drawn its queues (the crawl above followed its links too).
    expect(await browsing.open('/admin/queues')).toBe(200);
    await page.getByText('notifications').first().waitFor();

    expect(browsing.offenders).toEqual([]);
    await browsing.context.close();
  });
});
