import type { Guard } from './guard';

/**
 * Who may fire an event, relative to the object: `owner` (the applicant of a proposal), `assignee`
 * (the reviewer of an assignment), `office`, `chair` (steering chair), `system` (scheduled or
 * automatic transitions that no user fires through the API).
 */
export type Actor = 'owner' | 'assignee' | 'office' | 'chair' | 'system';

export interface TransitionDef<S extends string, E extends string, C> {
  event: E;
  from: readonly S[];
  to: S;
  actors: readonly Actor[];
  /** Returns why the event may not happen now, or null when it may. */
  guard?: Guard<C>;
  /** The request must carry a non-empty `reason` (e.g. screen-ineligible). */
  requiresReason?: boolean;
}

/** One declarative transition table: the single source of truth for API, pages, tests and docs. */
export class StateMachine<S extends string, E extends string, C> {
  constructor(
    readonly name: string,
    readonly states: readonly S[],
    readonly initial: S,
    readonly transitions: readonly TransitionDef<S, E, C>[],
  ) {}

  transitionFor(event: string, from: S): TransitionDef<S, E, C> | undefined {
    return this.transitions.find((t) => t.event === event && t.from.includes(from));
  }

  /** Events that the table allows from `state`, optionally only those one of `actors` may fire. */
  allowedEvents(state: S, actors?: readonly Actor[]): E[] {
    const events = this.transitions
      .filter((t) => t.from.includes(state))
      .filter((t) => !actors || t.actors.some((a) => actors.includes(a)))
      .map((t) => t.event);
    return [...new Set(events)];
  }

  events(): E[] {
    return [...new Set(this.transitions.map((t) => t.event))];
  }

  hasEvent(event: string): event is E {
    return this.transitions.some((t) => t.event === event);
  }

  /** States that no sequence of events reaches from the initial state. */
  unreachableStates(): S[] {
    const seen = new Set<S>([this.initial]);
    const queue: S[] = [this.initial];
    while (queue.length > 0) {
      const state = queue.shift() as S;
      for (const t of this.transitions) {
        if (t.from.includes(state) && !seen.has(t.to)) {
          seen.add(t.to);
          queue.push(t.to);
        }
      }
    }
    return this.states.filter((s) => !seen.has(s));
  }

  /** Startup check: every state reachable, every named event in the table, no ambiguous transition. */
  assertValid(eventsNamedElsewhere: readonly string[] = []): void {
    const problems: string[] = [];
    const unreachable = this.unreachableStates();
    if (unreachable.length > 0) problems.push(`unreachable states: ${unreachable.join(', ')}`);
    for (const event of eventsNamedElsewhere) {
      if (!this.hasEvent(event)) problems.push(`event "${event}" is not in the table`);
    }
    for (const t of this.transitions) {
      for (const s of [...t.from, t.to]) {
        if (!this.states.includes(s)) problems.push(`event "${t.event}" names unknown state "${s}"`);
      }
      for (const from of t.from) {
        if (this.transitions.filter((o) => o.event === t.event && o.from.includes(from)).length > 1) {
          problems.push(`event "${t.event}" is defined twice from "${from}"`);
        }
      }
    }
    if (problems.length > 0)
      throw new Error(`State machine "${this.name}" is invalid: ${problems.join('; ')}`);
  }

  /** Mermaid state diagram, generated from the table for docs/. */
  toMermaid(): string {
    const lines = ['stateDiagram-v2', `  [*] --> ${this.initial}`];
    for (const t of this.transitions) {
      for (const from of t.from) lines.push(`  ${from} --> ${t.to}: ${t.event} (${t.actors.join(', ')})`);
    }
    return lines.join('\n');
  }
}

/** Is `state` one of `set`? Takes a plain string, as views and raw rows carry the state. */
export function inStates(set: readonly string[], state: string): boolean {
  return set.includes(state);
}
