import { StateMachine } from '@/workflow/state-machine';
import { MEETING_STATES, type MeetingState } from './meeting.entity';

export type MeetingEvent = 'open' | 'close' | 'cancel' | 'approve-minutes';

/** Title, time, place, calls and agenda order may change until the meeting opens. */
export const EDITABLE_MEETING_STATES: readonly MeetingState[] = ['planned'];
/** Attendance, results and decisions are recorded while the meeting is open. */
export const RECORDING_MEETING_STATES: readonly MeetingState[] = ['open'];
/** Meetings still ahead: the invitation reminder goes out for these. */
export const UPCOMING_MEETING_STATES: readonly MeetingState[] = ['planned'];

export const meetingMachine = new StateMachine<MeetingState, MeetingEvent, Record<string, never>>(
  'meeting',
  MEETING_STATES,
  'planned',
  [
    { event: 'open', from: ['planned'], to: 'open', actors: ['chair', 'office'], route: 'events' },
    { event: 'close', from: ['open'], to: 'closed', actors: ['chair', 'office'], route: 'events' },
    { event: 'cancel', from: ['planned'], to: 'cancelled', actors: ['chair', 'office'], route: 'events' },
    // The minutes freeze: the service renders and stores the PDF in the same transaction.
    {
      event: 'approve-minutes',
      from: ['closed'],
      to: 'minutes_approved',
      actors: ['chair'],
      route: 'POST /api/meetings/:id/minutes/approve',
    },
  ],
);
