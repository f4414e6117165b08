import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * axe-core on every page a page test loads (WCAG 2.0 and 2.1, levels A and AA). axe-core is injected
 * as a script: @axe-core/playwright needs Node ≥ 22.12, the machine runs Node 20.
 */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeFinding {
  url: string;
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs in every document (an init script, so no evaluate races a navigation): after the load event,
 * axe checks an HTML document and reports through the `__axeReport` binding; other documents report
 * nothing found.
 */
const RUNNER = `(() => {
  if (window.top !== window) return;
  window.addEventListener('load', () => setTimeout(async () => {
    let report = [];
    try {
      if (document.contentType === 'text/html' && location.protocol.startsWith('http')) {
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] });
        report = result.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => n.target.join(' ') + ' → ' + n.html.slice(0, 160)) }));
      }
    } catch (error) {
      report = [{ rule: 'audit-failed', impact: null, help: String(error), nodes: [] }];
    }
    window.__axeReport(location.href, JSON.stringify(report));
  }, 0));
})();`;

const findings: AxeFinding[] = [];
let auditedPages = 0;

/** Per page: loads seen and reports received; a navigation waits until every load is reported. */
interface PageAudits {
  loads: number;
  reports: number;
  wake: (() => void)[];
}
const audits = new WeakMap<Page, PageAudits>();
const watched = new Set<PageAudits>();

function stateOf(page: Page): PageAudits {
  let state = audits.get(page);
  if (!state) {
    state = { loads: 0, reports: 0, wake: [] };
    audits.set(page, state);
    watched.add(state);
    page.on('close', () => {
      state!.reports = Math.max(state!.reports, state!.loads);
      state!.wake.splice(0).forEach((wake) => wake());
      watched.delete(state!);
    });
  }
  return state;
}

/** Pages whose audit had not reported when the test moved on (a busy machine): named, not failed. */
const unaudited: string[] = [];

/**
 * Waits until the page's loads are all reported, at most 8 s — less than a click's 15 s, so a slow
 * audit on a loaded machine never makes the test's own step time out. A page still unreported then
 * is listed as not audited (a warning); every violation axe does report fails the test.
 */
async function reported(state: PageAudits, url = ''): Promise<void> {
  if (state.reports >= state.loads) return;
  const done = new Promise<boolean>((resolve) => state.wake.push(() => resolve(true)));
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 8_000).unref());
  if (!(await Promise.race([done, timeout]))) {
    unaudited.push(url || '(a page)');
    state.reports = state.loads;
  }
}

/**
 * Audits every page of the context after each load. The next navigation of a page waits until the
 * audit of the page it leaves has reported, so a test that clicks on at once cannot outrun the check;
 * closing the context waits for it too.
 */
export async function auditContext(context: BrowserContext): Promise<void> {
  await context.addInitScript(`${AXE_SOURCE}\n${RUNNER}`);
  await context.exposeBinding('__axeReport', ({ page }, url: string, json: string) => {
    const state = stateOf(page);
    auditedPages++;
    for (const v of JSON.parse(json) as Omit<AxeFinding, 'url'>[]) findings.push({ url, ...v });
    state.reports++;
    if (state.reports >= state.loads) state.wake.splice(0).forEach((wake) => wake());
  });
  const watch = (page: Page) => page.on('load', () => stateOf(page).loads++);
  context.pages().forEach(watch);
  context.on('page', watch);
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (request.isNavigationRequest()) {
      const page = request.frame().page();
      if (request.frame() === page.mainFrame()) await reported(stateOf(page), page.url());
    }
    await route.fallback();
  });
  const close = context.close.bind(context);
  context.close = async (...args: Parameters<BrowserContext['close']>) => {
    await Promise.all(context.pages().map((page) => reported(stateOf(page), page.url())));
    await close(...args);
  };
}

async function settle(): Promise<void> {
  await Promise.all([...watched].map((state) => reported(state)));
}

/** How many page loads were audited so far (for a test that the audit runs at all). */
export function auditedPageCount(): number {
  return auditedPages;
}

/**
 * Fails with every violation found since the last call (then forgets them): used as `afterEach` in
 * every test/web-*.e2e-spec.ts, so each test answers for the pages it visited.
 */
export async function expectAccessiblePages(): Promise<void> {
  await settle();
  const skipped = unaudited.splice(0);
  if (skipped.length > 0) console.warn(`axe did not report in time for: ${skipped.join(', ')}`);
  const found = findings.splice(0);
  if (found.length === 0) return;
  const lines = found.map(
    (f) => `${f.url}: ${f.rule} (${f.impact ?? '—'}) ${f.help}${f.nodes.map((n) => `\n    ${n}`).join('')}`,
  );
  throw new Error(`axe-core found ${found.length} violation(s) (WCAG A/AA):\n  ${lines.join('\n  ')}`);
}
