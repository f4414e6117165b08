/* global process */
// `npm run build`: the Nest CLI compile (src, migrations, the demo and migrate scripts into dist/),
// then the stamp that `npm start` reads to skip the next build. The inputs' times are read before the
// compile, so a file saved during the build still counts as newer.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { newestSourceMtime, writeStamp } from './build-freshness.mjs';

const root = resolve(import.meta.dirname, '..');
const sourcesMtimeMs = newestSourceMtime(root);
const nest = createRequire(import.meta.url).resolve('@nestjs/cli/bin/nest.js', { paths: [root] });
const result = spawnSync(process.execPath, [nest, 'build'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeStamp(root, sourcesMtimeMs);
