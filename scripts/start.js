/* global require, __dirname, process, console */
// `npm start` / `npm run start:worker`: build only when the sources are newer than dist/ (see
// build-freshness.js), then run the API (`api`, the default) or the queue worker (`worker`) in this
// process, so signals reach it directly.
const { spawnSync } = require('node:child_process');
const { join, resolve } = require('node:path');
const { buildState } = require('./build-freshness');

const ENTRIES = { api: 'dist/src/main.js', worker: 'dist/src/worker.js' };
const root = resolve(__dirname, '..');
const which = process.argv[2] ?? 'api';
if (!(which in ENTRIES)) {
  console.error(`usage: node scripts/start.js [${Object.keys(ENTRIES).join('|')}]`);
  process.exit(2);
}

const state = buildState(root);
if (!state.current) {
  console.log(`Building (${state.reason}) …`);
  const build = spawnSync(process.execPath, [join(__dirname, 'build.js')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
require(join(root, ENTRIES[which]));
