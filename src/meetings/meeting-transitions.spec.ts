import type { Actor } from '@/workflow/state-machine';
import { MEETING_STATES } from './meeting.entity';
import { meetingMachine } from './meeting-transitions';

/** DESIGN §13: state → event → [next state, who may fire it]. Everything not listed is refused. */
const EXPECTED: Record<string, Record<string, [string, Actor[]]>> = {
  planned: { open: ['open', ['chair', 'office']], cancel: ['cancelled', ['chair', 'office']] },
  open: { close: ['closed', ['chair', 'office']] },
  closed: { 'approve-minutes': ['minutes_approved', ['chair']] },
  minutes_approved: {},
  cancelled: {},
};
const ACTORS: Actor[] = ['owner', 'assignee', 'office', 'chair', 'system'];

describe('meeting transition table', () => {
  const cases = MEETING_STATES.flatMap((state) =>
    meetingMachine.events().flatMap((event) => ACTORS.map((actor) => [state, event, actor] as const)),
  );

  it.each(cases)('%s + %s by %s', (state, event, actor) => {
    const expected = EXPECTED[state][event];
    const transition = meetingMachine.transitionFor(event, state);
    const allowed = !!transition && transition.actors.includes(actor);
    expect(allowed).toBe(!!expected && expected[1].includes(actor));
    if (allowed) expect(transition!.to).toBe(expected![0]);
  });

  it('lists exactly the expected transitions', () => {
    const pairs = MEETING_STATES.flatMap((s) => meetingMachine.allowedEvents(s).map((e) => `${s}:${e}`));
    expect(pairs.sort()).toEqual(
      Object.entries(EXPECTED)
        .flatMap(([s, events]) => Object.keys(events).map((e) => `${s}:${e}`))
        .sort(),
    );
  });

  it('passes the startup check: every state reachable, every user event routed', () => {
    expect(meetingMachine.unreachableStates()).toEqual([]);
    expect(() => meetingMachine.assertValid(['open', 'close', 'cancel'])).not.toThrow();
    expect(meetingMachine.eventsOnEventsRoute()).toEqual(['open', 'close', 'cancel']);
    expect(meetingMachine.routeOf('approve-minutes')).toBe('POST /api/meetings/:id/minutes/approve');
  });
});
