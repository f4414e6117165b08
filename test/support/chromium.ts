import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';

/** What a newcomer without a browser reads, once per page-test suite, instead of a Playwright stack. */
export const CHROMIUM_HINT =
  'install it with `sudo apt-get install chromium` (Debian/Ubuntu) or `brew install --cask chromium` (macOS), ' +
  'or set CHROMIUM_PATH';

/** Names of a Chromium or Chrome binary on PATH, in the order they are tried. */
const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Where Debian/Ubuntu, snap and macOS put it when PATH does not say; last, Playwright's own download. */
const installPaths = (): string[] => [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ...playwrightChromium(),
];

/** Where `npx playwright-core install chromium` puts the build this Playwright was made for. */
function playwrightChromium(): string[] {
  try {
    return [chromium.executablePath()];
  } catch {
    return []; // a platform Playwright has no build for
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser for the page tests: CHROMIUM_PATH when set (and only that, so a wrong value is not
 * hidden by another install), else the first of COMMANDS on PATH, else the usual install paths, else
 * Playwright's own Chromium.
 * Throws one line without a stack, so Jest shows the hint and nothing else.
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  executable: (path: string) => boolean = isExecutable,
): string {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (executable(configured)) return configured;
    throw oneLine(`Chromium not found at CHROMIUM_PATH=${configured}: ${CHROMIUM_HINT} to a Chromium binary`);
  }
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((folder) => COMMANDS.map((command) => join(folder, command)));
  const found = [...onPath, ...installPaths()].find(executable);
  if (found) return found;
  throw oneLine(`Chromium not found: ${CHROMIUM_HINT}`);
}

/** Jest prints an error's stack under "Test suite failed to run"; with the stack set to the message it prints only the message. */
function oneLine(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}
