import { guardedBy, refusal } from '@/workflow/guard';
import { StateMachine } from '@/workflow/state-machine';
import { CALL_STATES, type CallState } from './call.entity';

export type CallEvent = 'open' | 'close' | 'archive';

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
      guard: guardedBy((ctx) =>
        ctx.now >= ctx.submissionDeadline
          ? refusal('deadline-in-past', {}, 'The submission deadline lies in the past.')
          : null,
      ),
    },
    // The deadlines queue closes a call at its deadline; the office may close it earlier.
    { event: 'close', from: ['open'], to: 'closed', actors: ['office', 'system'] },
    { event: 'archive', from: ['closed'], to: 'archived', actors: ['office'] },
  ],
);
