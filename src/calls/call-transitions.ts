import { guardedBy, refusal } from '@/workflow/guard';
import { StateMachine } from '@/workflow/state-machine';
import { CALL_STATES, type CallState } from './call.entity';

export type CallEvent = 'open' | 'close' | 'archive';

/** Everything but the office's drafts: what applicants, reviewers and the steering group see. */
export const PUBLISHED_CALL_STATES: readonly CallState[] = ['open', 'closed', 'archived'];
/** Applicants start and submit proposals only while the call is open (and before its deadline). */
export const SUBMITTABLE_CALL_STATES: readonly CallState[] = ['open'];
/** Calls whose proposals are being reviewed or still coming in (the reviewer's home page). */
export const REVIEWING_CALL_STATES: readonly CallState[] = ['open', 'closed'];
/** Rubric, topics and reviews per proposal shape every review: fixed once the call opens. */
export const RUBRIC_EDITABLE_CALL_STATES: readonly CallState[] = ['draft'];

export interface CallGuardContext {
  now: Date;
  submissionDeadline: Date;
}

export const callMachine = new StateMachine<CallState, CallEvent, CallGuardContext>(
  'call',
  CALL_STATES,
  'draft',
  [
    {
      event: 'open',
      from: ['draft'],
      to: 'open',
      actors: ['office'],
      route: 'POST /api/calls/:id/open',
      guard: guardedBy((ctx) =>
        ctx.now >= ctx.submissionDeadline
          ? refusal('deadline-in-past', {}, 'The submission deadline lies in the past.')
          : null,
      ),
    },
    // The deadlines queue closes a call at its deadline; the office may close it earlier.
    {
      event: 'close',
      from: ['open'],
      to: 'closed',
      actors: ['office', 'system'],
      route: 'POST /api/calls/:id/close',
    },
    {
      event: 'archive',
      from: ['closed'],
      to: 'archived',
      actors: ['office'],
      route: 'POST /api/calls/:id/archive',
    },
  ],
);
