/** Writes docs/PROBLEMS.md from the problem catalogue and its page texts. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderProblemsDoc } from '@/web/i18n/problems-doc';

const target = join(__dirname, '..', 'docs', 'PROBLEMS.md');
writeFileSync(target, renderProblemsDoc());
console.log(`wrote ${target}`);
