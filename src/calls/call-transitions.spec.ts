import { CALL_STATES } from './call.entity';
import { callMachine } from './call-transitions';

const EXPECTED: Record<string, Record<string, string>> = {
  draft: { open: 'open' },
  open: { close: 'closed' },
  closed: { archive: 'archived' },
  archived: {},
};

describe('call transition table', () => {
  const pairs = CALL_STATES.flatMap((state) => callMachine.events().map((event) => [state, event] as const));

  it.each(pairs)('%s + %s follows docs/CONTRACT.md §2', (state, event) => {
    expect(callMachine.transitionFor(event, state)?.to).toBe(EXPECTED[state][event]);
  });

  it('reaches every state', () => {
    expect(callMachine.unreachableStates()).toEqual([]);
  });

  it('refuses to open a call whose deadline has passed', () => {
    const open = callMachine.transitionFor('open', 'draft')!;
    const now = new Date('2026-05-01T00:00:00Z');
    expect(open.guard!({ now, submissionDeadline: new Date('2026-04-30T00:00:00Z') })).toMatch(/past/);
    expect(open.guard!({ now, submissionDeadline: new Date('2026-05-02T00:00:00Z') })).toBeNull();
  });
});
