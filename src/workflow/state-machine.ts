import type { Guard } from './guard';

/**
 * Who may fire an event, relative to the object: `owner` (the applicant of a proposal), `assignee`
 * (the reviewer of an assignment), `office`, `chair` (steering chair), `system` (scheduled or
 * automatic transitions that no user fires through the API).
 */
export type Actor = 'owner' | 'assignee' | 'office' | 'chair' | 'system';

/** The generic route of an aggregate, `POST /api/<aggregate>s/:id/events/:event` (and its page twin). */
export const EVENTS_ROUTE = 'events';
/** A route of its own, e.g. `POST /api/proposals/:id/decision`, whose service fires the event itself. */
export type DedicatedRoute = `${'POST' | 'PUT' | 'DELETE'} /api/${string}`;

export interface TransitionDef<S extends string, E extends string, C> {
  event: E;
  from: readonly S[];
  to: S;
  actors: readonly Actor[];
  /** Returns why the event may not happen now, or null when it may. */
  guard?: Guard<C>;
  /** The request must carry a non-empty `reason` (e.g. screen-ineligible). */
  requiresReason?: boolean;
  /**
   * Through which HTTP route users fire the event: the generic events route, or only a dedicated
   * route whose service checks what the table cannot (quorum, conflicts, funding cap) and then fires
   * the event itself. Absent: no user fires it over HTTP (jobs and cascades do).
   */
  route?: typeof EVENTS_ROUTE | DedicatedRoute;
  /**
   * The row's condition column: it applies only to objects in one of these variants (a proposal's
   * stage, `outline` or `full`); absent, to every variant. One table drives every variant.
   */
  variants?: readonly string[];
}

/** Does row `t` apply to an object of `variant` (undefined: the caller does not distinguish)? */
function appliesTo(t: { variants?: readonly string[] }, variant: string | undefined): boolean {
  return variant === undefined || t.variants === undefined || t.variants.includes(variant);
}

/** One declarative transition table: the single source of truth for API, pages, tests and docs. */
export class StateMachine<S extends string, E extends string, C> {
  constructor(
    readonly name: string,
    readonly states: readonly S[],
    readonly initial: S,
    readonly transitions: readonly TransitionDef<S, E, C>[],
    /** The values of the condition column (e.g. a proposal's stages); empty: the table has none. */
    readonly variants: readonly string[] = [],
  ) {}

  transitionFor(event: string, from: S, variant?: string): TransitionDef<S, E, C> | undefined {
    return this.transitions.find((t) => t.event === event && t.from.includes(from) && appliesTo(t, variant));
  }

  /** The states `event` leaves from: for queries that look for rows the event is due on. */
  statesThatFire(event: E): S[] {
    return [...new Set(this.transitions.filter((t) => t.event === event).flatMap((t) => t.from))];
  }

  /** Answers of `allowedEvents` by (state, actors, variant): the table never changes. */
  private readonly allowed = new Map<string, readonly E[]>();

  /**
   * Events that the table allows from `state`, optionally only those one of `actors` may fire. Worked
   * out once per question: every proposal of a list asks it twice (its events and its actions).
   */
  allowedEvents(state: S, actors?: readonly Actor[], variant?: string): E[] {
    const key = `${state}|${variant ?? ''}|${actors?.join(',') ?? '*'}`;
    let events = this.allowed.get(key);
    if (events === undefined) {
      const found = this.transitions
        .filter((t) => t.from.includes(state) && appliesTo(t, variant))
        .filter((t) => !actors || t.actors.some((a) => actors.includes(a)))
        .map((t) => t.event);
      events = [...new Set(found)];
      this.allowed.set(key, events);
    }
    return [...events];
  }

  events(): E[] {
    return [...new Set(this.transitions.map((t) => t.event))];
  }

  hasEvent(event: string): event is E {
    return this.transitions.some((t) => t.event === event);
  }

  /** Events that the generic events route accepts, in table order. */
  eventsOnEventsRoute(): E[] {
    return this.events().filter((e) => this.routeOf(e) === EVENTS_ROUTE);
  }

  /** How users fire `event` over HTTP (undefined: unknown, or only jobs and cascades fire it). */
  routeOf(event: string): TransitionDef<S, E, C>['route'] {
    return this.transitions.find((t) => t.event === event)?.route;
  }

  /**
   * Why the generic events route refuses `event`, naming the route that does fire it; null when the
   * route accepts it. Depends on the event name only, so a refusal tells nothing about any object.
   */
  eventsRouteRefusal(event: string): string | null {
    const route = this.routeOf(event);
    if (route === EVENTS_ROUTE) return null;
    const accepted = `This route fires ${this.eventsOnEventsRoute().join(', ')}.`;
    if (!this.hasEvent(event)) return `Unknown event "${event}". ${accepted}`;
    if (route) return `"${event}" is not fired through the events route; use ${route}. ${accepted}`;
    return `"${event}" is fired by the service itself, never through the API. ${accepted}`;
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

  /**
   * Startup check: every state reachable, every named event in the table, no ambiguous transition,
   * and every event a user fires has exactly one route (system-only events have none).
   */
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
      const users = t.actors.some((a) => a !== 'system');
      if (users && !t.route) problems.push(`event "${t.event}" has users among its actors but no route`);
      if (!users && t.route) problems.push(`event "${t.event}" is fired by the system only but has a route`);
      if (t.route !== this.routeOf(t.event)) problems.push(`event "${t.event}" names two routes`);
      for (const v of t.variants ?? []) {
        if (!this.variants.includes(v)) problems.push(`event "${t.event}" names unknown variant "${v}"`);
      }
      if (t.variants?.length === 0) problems.push(`event "${t.event}" applies to no variant`);
      for (const from of t.from) {
        for (const variant of this.variants.length > 0 ? this.variants : [undefined]) {
          const rows = this.transitions.filter(
            (o) =>
              o.event === t.event && o.from.includes(from) && appliesTo(o, variant) && appliesTo(t, variant),
          );
          if (rows.length > 1) {
            const where = variant === undefined ? '' : ` in variant "${variant}"`;
            problems.push(`event "${t.event}" is defined twice from "${from}"${where}`);
          }
        }
      }
    }
    for (const variant of this.variants) {
      if (!this.transitions.some((t) => t.variants === undefined || t.variants.includes(variant)))
        problems.push(`variant "${variant}" has no transition`);
    }
    if (problems.length > 0)
      throw new Error(`State machine "${this.name}" is invalid: ${problems.join('; ')}`);
  }

  /** Mermaid state diagram, generated from the table for docs/. */
  toMermaid(): string {
    const lines = ['stateDiagram-v2', `  [*] --> ${this.initial}`];
    for (const t of this.transitions) {
      const only = t.variants ? ` [${t.variants.join(', ')}]` : '';
      for (const from of t.from)
        lines.push(`  ${from} --> ${t.to}: ${t.event}${only} (${t.actors.join(', ')})`);
    }
    return lines.join('\n');
  }
}

/** Is `state` one of `set`? Takes a plain string, as views and raw rows carry the state. */
export function inStates(set: readonly string[], state: string): boolean {
  return set.includes(state);
}
