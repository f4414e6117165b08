/** Writes docs/STATE-MACHINES.md from the transition tables. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTED_MACHINES } from '@/state-machines';
import { renderStateMachinesDoc } from '@/workflow/state-diagrams';

const target = join(__dirname, '..', 'docs', 'STATE-MACHINES.md');
writeFileSync(target, renderStateMachinesDoc(DOCUMENTED_MACHINES));
console.log(`wrote ${target}`);
