import { StateMachine } from './state-machine';

describe('StateMachine', () => {
  const machine = new StateMachine<'a' | 'b' | 'c' | 'island', 'go' | 'back' | 'admin', object>(
    'test',
    ['a', 'b', 'c', 'island'],
    'a',
    [
      { event: 'go', from: ['a'], to: 'b', actors: ['owner'] },
      { event: 'go', from: ['b'], to: 'c', actors: ['owner'] },
      { event: 'back', from: ['b', 'c'], to: 'a', actors: ['office'] },
    ],
  );

  it('finds unreachable states and reports them at the startup check', () => {
    expect(machine.unreachableStates()).toEqual(['island']);
    expect(() => machine.assertValid()).toThrow(/unreachable states: island/);
  });

  it('lists the events allowed from a state, optionally for some actors only', () => {
    expect(machine.allowedEvents('b')).toEqual(['go', 'back']);
    expect(machine.allowedEvents('b', ['owner'])).toEqual(['go']);
    expect(machine.allowedEvents('island')).toEqual([]);
  });

  it('refuses a table with two transitions for one (state, event)', () => {
    const ambiguous = new StateMachine<'a' | 'b', 'go', object>('x', ['a', 'b'], 'a', [
      { event: 'go', from: ['a'], to: 'b', actors: ['owner'] },
      { event: 'go', from: ['a'], to: 'a', actors: ['owner'] },
    ]);
    expect(() => ambiguous.assertValid()).toThrow(/defined twice/);
  });

  it('renders a Mermaid diagram with every transition', () => {
    const diagram = machine.toMermaid();
    expect(diagram).toContain('[*] --> a');
    expect(diagram).toContain('b --> a: back (office)');
    expect(diagram.split('\n')).toHaveLength(2 + 4);
  });
});
