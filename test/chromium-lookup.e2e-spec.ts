import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_HINT, findChromium } from './support/chromium';

/**
 * Page tests find Chromium by CHROMIUM_PATH, PATH or the usual install paths; without one, each
 * page-test suite fails at once with one line saying what to install, and no stack trace.
 */
describe('page tests: finding Chromium', () => {
  const only =
    (...present: string[]) =>
    (path: string) =>
      present.includes(path);

  it('takes CHROMIUM_PATH when it is set and executable', () => {
    expect(
      findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome' }, only('/opt/chrome/chrome', '/usr/bin/chromium')),
    ).toBe('/opt/chrome/chrome');
  });

  it('refuses a CHROMIUM_PATH that is missing, even when another install exists', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nope' }, only('/usr/bin/chromium'))).toThrow(
      `Chromium not found at CHROMIUM_PATH=/nope: ${CHROMIUM_HINT}`,
    );
  });

  it('looks on PATH first, then at the usual install paths', () => {
    expect(
      findChromium(
        { PATH: '/usr/local/bin:/opt/bin' },
        only('/opt/bin/chromium-browser', '/usr/bin/chromium'),
      ),
    ).toBe('/opt/bin/chromium-browser');
    expect(findChromium({ PATH: '/usr/local/bin' }, only('/usr/bin/google-chrome'))).toBe(
      '/usr/bin/google-chrome',
    );
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium({ PATH: '/usr/local/bin' }, only(mac))).toBe(mac);
    // Last: the build `npx playwright-core install chromium` downloads.
    const playwright = chromium.executablePath();
    expect(findChromium({ PATH: '/usr/local/bin' }, only(playwright))).toBe(playwright);
  });

  it('without any browser throws one line that says what to install, with no stack', () => {
    const error = (() => {
      try {
        findChromium({ PATH: '/usr/local/bin' }, only());
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error?.message).toBe(
      'Chromium not found: install it with `sudo apt-get install chromium` (Debian/Ubuntu) or ' +
        '`brew install --cask chromium` (macOS), or set CHROMIUM_PATH',
    );
    expect(error?.stack).toBe(error?.message);
  });

  it('a page-test suite run without Chromium fails with exactly that one line and a non-zero exit', () => {
    const root = join(__dirname, '..');
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/jest/bin/jest.js'), '--ci', '--runInBand', 'test/web-pages.e2e-spec.ts'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '/nope' }, timeout: 120_000 },
    );
    expect(run.status).toBe(1);
    const output = run.stdout + run.stderr;
    const failure = output.split('● Test suite failed to run')[1]?.split('Test Suites:')[0] ?? '';
    const lines = failure.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toEqual([
      expect.stringContaining(`Chromium not found at CHROMIUM_PATH=/nope: ${CHROMIUM_HINT}`),
    ]);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).toContain('Tests:       0 total');
  }, 150_000);
});
