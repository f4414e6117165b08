/* global process, console */
// `npm start` / `npm run start:worker`: build only when the sources are newer than dist/ (see
// build-freshness.mjs), then run the API (`api`, the default) or the queue worker (`worker`) in this
// process, so signals reach it directly.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { buildState } from './build-freshness.mjs';

const ENTRIES = { api: 'dist/src/main.js', worker: 'dist/src/worker.js' };
const root = resolve(import.meta.dirname, '..');
const which = process.argv[2] ?? 'api';
if (!(which in ENTRIES)) {
  console.error(`usage: node scripts/start.mjs [${Object.keys(ENTRIES).join('|')}]`);
  process.exit(2);
}

const state = buildState(root);
if (!state.current) {
  console.log(`Building (${state.reason}) …`);
  const build = spawnSync(process.execPath, [join(import.meta.dirname, 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The build is CommonJS: load it with require, in this process.
createRequire(import.meta.url)(join(root, ENTRIES[which]));
