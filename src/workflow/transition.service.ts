import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { notFound, Problem, problem } from '@/common/problem';
import type { ActingUser } from './acting-user';
import { writeAudit } from './audit';
import { writeOutbox } from './outbox';
import { type GuardRefusal, refusal } from './guard';
import type { Actor, StateMachine } from './state-machine';

/** The minimum every aggregate driven by a state machine has. */
export interface StatefulRow {
  id: string;
  state: string;
  version: number;
}

/** What a transition's hooks may do inside the transaction. */
export interface TransitionTx<T extends StatefulRow, U extends ActingUser = ActingUser> {
  manager: EntityManager;
  before: T;
  event: string;
  to: string;
  actor: U | null;
  reason: string | undefined;
  data: Record<string, unknown>;
  /** Further columns to write with the new state. */
  set(changes: Partial<T>): void;
  outbox(kind: string, payload: Record<string, unknown>): Promise<void>;
}

export type TransitionHook<T extends StatefulRow, U extends ActingUser = ActingUser> = (
  tx: TransitionTx<T, U>,
) => Promise<void>;

/** How one aggregate plugs into the transition service; `U` is the user type its `actorsOf` reads. */
export interface AggregateSpec<
  T extends StatefulRow,
  S extends string,
  E extends string,
  C,
  U extends ActingUser = ActingUser,
> {
  entity: EntityTarget<T>;
  entityType: string;
  machine: StateMachine<S, E, C>;
  /** What `user` is relative to `row` (null user = the system). */
  actorsOf(row: T, user: U | null): Actor[];
  /** Data the guards need, read under the row lock. */
  loadGuardContext(manager: EntityManager, row: T): Promise<C>;
  /** Side effects of an event, in the same transaction (hooks registered by other modules too). */
  hooksFor(event: string): readonly TransitionHook<T, U>[];
  /** The events its views offer as `allowedEvents`; a refusal lists no others (default: all). */
  apiEvents?: readonly E[];
  /** The row's value of the table's condition column (e.g. a proposal's stage); absent: none. */
  variantOf?(row: T): string;
}

export interface TransitionRequest<U extends ActingUser = ActingUser> {
  id: string;
  event: string;
  /** Null: the system fires the event (scheduled or automatic work). */
  actor: U | null;
  expectedVersion?: number;
  reason?: string;
  data?: Record<string, unknown>;
  /** Join this transaction instead of opening one (for cascades). */
  manager?: EntityManager;
}

/**
 * Applies any event of any aggregate: lock the row, check role, state and guard, write the new state,
 * the audit event and the outbox rows in one transaction. No other code writes `state`.
 */
@Injectable()
export class TransitionService {
  constructor(private readonly dataSource: DataSource) {}

  async apply<T extends StatefulRow, S extends string, E extends string, C, U extends ActingUser>(
    spec: AggregateSpec<T, S, E, C, U>,
    request: TransitionRequest<U>,
  ): Promise<T> {
    if (request.manager) return this.applyIn(request.manager, spec, request);
    return this.dataSource.transaction((manager) => this.applyIn(manager, spec, request));
  }

  private async applyIn<T extends StatefulRow, S extends string, E extends string, C, U extends ActingUser>(
    manager: EntityManager,
    spec: AggregateSpec<T, S, E, C, U>,
    request: TransitionRequest<U>,
  ): Promise<T> {
    const { machine } = spec;
    if (!machine.hasEvent(request.event))
      throw problem('unknown-event', { event: request.event }, `Unknown event "${request.event}".`);

    const row = await manager.findOne(spec.entity, {
      where: { id: request.id } as FindOptionsWhere<T>,
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw notFound(spec.entityType);

    const actors = spec.actorsOf(row, request.actor);
    const current = row.state as S;
    const variant = spec.variantOf?.(row);
    // Every 409 of a transition tells the client where the row stands and what it may do instead.
    const refused = ({ code, params, detail }: GuardRefusal) =>
      new Problem(
        code,
        detail,
        {
          state: current,
          version: row.version,
          allowedEvents: machine
            .allowedEvents(current, actors, variant)
            .filter((e) => !spec.apiEvents || spec.apiEvents.includes(e)),
        },
        params,
      );
    const forbidden = () =>
      problem('forbidden-role', {}, `Your role may not ${request.event} this ${spec.entityType}.`);

    const mayFire = machine.transitions.some(
      (t) => t.event === request.event && t.actors.some((a) => actors.includes(a)),
    );
    if (!mayFire) throw forbidden();
    if (request.expectedVersion !== undefined && request.expectedVersion !== row.version) {
      throw refused(
        refusal(
          'stale-version',
          { version: row.version },
          `The ${spec.entityType} was changed meanwhile (version ${row.version}); reload and retry.`,
        ),
      );
    }
    const transition = machine.transitionFor(request.event, current, variant);
    if (!transition)
      throw refused(
        refusal(
          'event-not-allowed',
          { event: request.event, state: current },
          `"${request.event}" is not possible while the ${spec.entityType} is ${current}.`,
        ),
      );
    if (!transition.actors.some((a) => actors.includes(a))) {
      throw forbidden();
    }
    const reason = request.reason?.trim() || undefined;
    if (transition.requiresReason && !reason) {
      throw problem('reason-required', { event: request.event }, `"${request.event}" needs a reason.`, {
        errors: [{ field: 'reason', messages: ['reason is required'] }],
      });
    }
    if (transition.guard) {
      const why = transition.guard.refusal(await spec.loadGuardContext(manager, row));
      if (why) throw refused(why);
    }

    const changes: Partial<T> = {};
    const tx: TransitionTx<T, U> = {
      manager,
      before: row,
      event: request.event,
      to: transition.to,
      actor: request.actor,
      reason,
      data: request.data ?? {},
      set: (more) => Object.assign(changes, more),
      outbox: async (kind, payload) => {
        await writeOutbox(manager, kind, payload);
      },
    };
    for (const hook of spec.hooksFor(request.event)) await hook(tx);

    const next = { ...changes, state: transition.to, version: row.version + 1 } as Partial<T>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's update typing cannot follow the generic T
    await manager.update(spec.entity, { id: row.id } as FindOptionsWhere<T>, next as any);
    await writeAudit(manager, {
      actorId: request.actor?.id ?? null,
      entityType: spec.entityType,
      entityId: row.id,
      action: request.event,
      fromState: current,
      toState: transition.to,
      data: { ...(reason ? { reason } : {}), ...(request.data ?? {}) },
    });
    return (await manager.findOneOrFail(spec.entity, { where: { id: row.id } as FindOptionsWhere<T> })) as T;
  }
}
