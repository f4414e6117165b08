import { EVENTS_ROUTE, type StateMachine, type TransitionDef } from './state-machine';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of machines of different types
export type AnyMachine = StateMachine<any, any, any>;

/** The route column: the generic events route, a dedicated route, or none (the system fires it). */
function route(machine: AnyMachine, t: TransitionDef<string, string, unknown>): string {
  if (t.route === EVENTS_ROUTE) return `\`POST /api/${machine.name}s/:id/events/${t.event}\``;
  return t.route ? `\`${t.route}\`` : 'none (the service fires it)';
}

function table(machine: AnyMachine): string {
  const rows = machine.transitions.map(
    (t) =>
      `| \`${t.event}\` | ${t.from.map((s: string) => `\`${s}\``).join(', ')} | \`${t.to}\` | ${t.actors.join(', ')} | ${
        t.guard ? 'yes' : ''
      }${t.requiresReason ? ' (reason required)' : ''} | ${route(machine, t)} |`,
  );
  return ['| event | from | to | who | guard | route |', '|---|---|---|---|---|---|', ...rows].join('\n');
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
    '`assignee` the reviewer of an assignment, `system` scheduled or automatic work. `route` is the',
    'HTTP route through which users fire the event (pages post to their twin of it). The generic',
    'events route fires only the events listed with it; an event with a route of its own (a decision,',
    'which needs quorum) is refused there with 404 naming that route, whatever the id and the role.',
    '',
    ...sections,
  ].join('\n');
}
