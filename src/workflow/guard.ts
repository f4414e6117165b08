import type { ProblemCode, ProblemParams, ProblemParamValue } from '@/common/problem-codes';

/** Why a guard refuses an event: a code of the catalogue, its parameters and the English sentence. */
export interface GuardRefusal {
  code: ProblemCode;
  params: Readonly<Record<string, ProblemParamValue>>;
  detail: string;
}

export const refusal = <C extends ProblemCode>(
  code: C,
  params: ProblemParams<C>,
  detail: string,
): GuardRefusal => ({ code, params, detail });

/**
 * A transition guard. Called, it answers the English reason (or null) — what tables, tests and docs
 * read; `refusal` answers the same reason with its code, which the transition service throws.
 */
export interface Guard<C> {
  (ctx: C): string | null;
  refusal(ctx: C): GuardRefusal | null;
}

export const guardedBy = <C>(check: (ctx: C) => GuardRefusal | null): Guard<C> =>
  Object.assign((ctx: C) => check(ctx)?.detail ?? null, { refusal: check });
