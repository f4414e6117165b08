import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderStateMachinesDoc } from '@/workflow/state-diagrams';
import { DOCUMENTED_MACHINES } from './state-machines';

describe('docs/STATE-MACHINES.md', () => {
  it('matches the transition tables (run `npm run docs:states` after changing one)', () => {
    const committed = readFileSync(join(__dirname, '..', 'docs', 'STATE-MACHINES.md'), 'utf8');
    expect(committed).toBe(renderStateMachinesDoc(DOCUMENTED_MACHINES));
  });

  it.each(DOCUMENTED_MACHINES.map((m) => [m.name, m]))('%s passes the startup check', (_name, machine) => {
    expect(() => machine.assertValid()).not.toThrow();
  });
});
