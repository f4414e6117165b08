import type { StateMachine } from './state-machine';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of machines of different types
export type AnyMachine = StateMachine<any, any, any>;

function table(machine: AnyMachine): string {
  const rows = machine.transitions.map(
    (t) =>
      `| \`${t.event}\` | ${t.from.map((s: string) => `\`${s}\``).join(', ')} | \`${t.to}\` | ${t.actors.join(', ')} | ${
        t.guard ? 'yes' : ''
      }${t.requiresReason ? ' (reason required)' : ''} |`,
  );
  return ['| event | from | to | who | guard |', '|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * docs/STATE-MACHINES.md, generated from the transition tables (`npm run docs:states`). The core
 * knows no aggregate: the composition root lists the machines (`src/state-machines.ts`).
 */
export function renderStateMachinesDoc(machines: AnyMachine[]): string {
  const sections = machines.map(
    (m) => `## ${m.name}\n\n\`\`\`mermaid\n${m.toMermaid()}\n\`\`\`\n\n${table(m)}\n`,
  );
  return [
    '# State machines',
    '',
    '<!-- Generated from the transition tables by `npm run docs:states`; do not edit by hand. -->',
    '',
    'Each table in code is the single source of truth: the API, the pages, the tests and this page are',
    'derived from it. `who` is relative to the object: `owner` is the applicant of the proposal,',
    '`assignee` the reviewer of an assignment, `system` scheduled or automatic work.',
    '',
    ...sections,
  ].join('\n');
}
