// Is dist/ built from the sources as they are now? The build writes the newest modification time of
// its inputs into dist/.build-stamp.json; the start compares it with the inputs again. Folders count
// too: adding or deleting a file changes its folder's mtime. Plain JavaScript, so that `npm start`
// needs neither ts-node nor a compile step to decide.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads: a change in any of them means dist/ is stale. */
const INPUTS = [
  'src',
  'migrations',
  'scripts',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'package.json',
  'package-lock.json',
];
export const STAMP = join('dist', '.build-stamp.json');

function newestMtime(path) {
  const stat = statSync(path);
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Newest mtime (ms) over the build's inputs under `root`; inputs that do not exist are skipped. */
export function newestSourceMtime(root) {
  return INPUTS.map((input) => join(root, input))
    .filter((path) => existsSync(path))
    .reduce((newest, path) => Math.max(newest, newestMtime(path)), 0);
}

/** "current", or why a build is needed (no build yet, or the first newer input's time). */
export function buildState(root) {
  const stampPath = join(root, STAMP);
  if (!existsSync(stampPath)) return { current: false, reason: 'no build in dist/ yet' };
  let built;
  try {
    built = JSON.parse(readFileSync(stampPath, 'utf8')).sourcesMtimeMs;
  } catch {
    return { current: false, reason: 'unreadable dist/.build-stamp.json' };
  }
  if (!existsSync(join(root, 'src'))) return { current: true, reason: 'no sources (built image)' };
  const newest = newestSourceMtime(root);
  if (typeof built !== 'number' || newest > built) {
    return { current: false, reason: 'sources changed since the last build' };
  }
  return { current: true, reason: 'dist/ is current' };
}

export function writeStamp(root, sourcesMtimeMs) {
  writeFileSync(join(root, STAMP), `${JSON.stringify({ sourcesMtimeMs })}\n`);
}
